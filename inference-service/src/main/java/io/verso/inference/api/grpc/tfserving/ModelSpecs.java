package io.verso.inference.api.grpc.tfserving;

import com.google.protobuf.Int64Value;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.VersionSelector;
import tensorflow.serving.Model.ModelSpec;

/** A request's {@code model_spec} as a model name and version selector, and the resolved one answers carry. */
final class ModelSpecs {

    private ModelSpecs() {
    }

    static String name(ModelSpec spec) {
        if (spec.getName().isEmpty()) {
            throw InferenceException.invalid("Missing ModelSpec: model_spec.name is required");
        }
        return spec.getName();
    }

    static VersionSelector selector(ModelSpec spec) {
        if (spec.hasVersion()) {
            return new VersionSelector.Number(spec.getVersion().getValue());
        }
        return spec.getVersionLabel().isEmpty() ? VersionSelector.DEFAULT
                : new VersionSelector.Label(spec.getVersionLabel());
    }

    /** The spec TensorFlow Serving answers with: the name, the version that ran, and the signature it ran. */
    static ModelSpec resolved(String model, long version, String signatureName) {
        return ModelSpec.newBuilder().setName(model).setVersion(Int64Value.of(version))
                .setSignatureName(signatureName).build();
    }
}
