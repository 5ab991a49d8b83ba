package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GetModelStatus} and {@code GetModelMetadata} in TensorFlow Serving's shape (proto3 JSON:
 * int64 values as strings). Verso's additions sit beside TensorFlow Serving's keys under {@code metadata}:
 * {@code verso_batched_signatures} lists the signatures whose requests are batched, and
 * {@code verso_unavailable_signatures} the signatures that could not be served, with their reasons.
 */
final class ModelStatusJson {

    private ModelStatusJson() {
    }

    static Map<String, Object> status(List<VersionStatus> versions) {
        List<Map<String, Object>> list = versions.stream().map(ModelStatusJson::versionStatus).toList();
        return Map.of("model_version_status", list);
    }

    private static Map<String, Object> versionStatus(VersionStatus version) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("error_code", version.state() == VersionState.ERROR ? "UNKNOWN" : "OK");
        status.put("error_message", version.error() == null ? "" : version.error());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", Long.toString(version.version()));
        json.put("state", version.state().name());
        json.put("status", status);
        return json;
    }

    static Map<String, Object> metadata(VersionMetadata version) {
        Map<String, Object> signatures = new LinkedHashMap<>();
        version.metadata().signatures().forEach((key, signature) -> signatures.put(key, signature(signature)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("signature_def", Map.of("signature_def", signatures));
        if (!version.metadata().batchedSignatures().isEmpty()) {
            metadata.put("verso_batched_signatures", version.metadata().batchedSignatures());
        }
        if (!version.metadata().unavailableSignatures().isEmpty()) {
            metadata.put("verso_unavailable_signatures", version.metadata().unavailableSignatures());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", version.model());
        spec.put("signature_name", "");
        spec.put("version", Long.toString(version.version()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model_spec", spec);
        json.put("metadata", metadata);
        return json;
    }

    private static Map<String, Object> signature(SignatureSpec signature) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("inputs", tensors(signature.inputs()));
        json.put("outputs", tensors(signature.outputs()));
        json.put("method_name", signature.methodName());
        return json;
    }

    private static Map<String, Object> tensors(Map<String, TensorSpec> specs) {
        Map<String, Object> json = new LinkedHashMap<>();
        specs.forEach((key, spec) -> {
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("dtype", spec.dataType().tfName());
            tensor.put("tensor_shape", shape(spec.shape()));
            tensor.put("name", spec.tensorName());
            json.put(key, tensor);
        });
        return json;
    }

    private static Map<String, Object> shape(TensorShape shape) {
        if (shape.isUnknownRank()) {
            return Map.of("dim", List.of(), "unknown_rank", true);
        }
        List<Map<String, String>> dims = new ArrayList<>();
        for (int i = 0; i < shape.rank(); i++) {
            Map<String, String> dim = new LinkedHashMap<>();
            dim.put("size", Long.toString(shape.dim(i)));
            dim.put("name", "");
            dims.add(dim);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dim", dims);
        json.put("unknown_rank", false);
        return json;
    }
}
