package io.verso.gateway.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.verso.gateway.routing.Api;
import io.verso.gateway.routing.InferencePath;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tensorflow.serving.Inference.InferenceTask;
import tensorflow.serving.Inference.MultiInferenceRequest;
import tensorflow.serving.Model.ModelSpec;

/**
 * Every unary method the gateway forwards, with what routing reads from its request: the model and pin, as the
 * path the same request would have over REST (so one {@link io.verso.gateway.routing.Router} decides both), and how
 * to pin the request to the version the router chose.
 */
enum ProxiedMethod {
    PREDICT("tensorflow.serving.PredictionService/Predict", Api.TF_SERVING, ":predict"),
    CLASSIFY("tensorflow.serving.PredictionService/Classify", Api.TF_SERVING, ":classify"),
    REGRESS("tensorflow.serving.PredictionService/Regress", Api.TF_SERVING, ":regress"),
    MULTI_INFERENCE("tensorflow.serving.PredictionService/MultiInference", Api.TF_SERVING, ":classify"),
    GET_MODEL_METADATA("tensorflow.serving.PredictionService/GetModelMetadata", Api.TF_SERVING, "/metadata"),
    GET_MODEL_STATUS("tensorflow.serving.ModelService/GetModelStatus", Api.TF_SERVING, ""),
    RELOAD_CONFIG("tensorflow.serving.ModelService/HandleReloadConfigRequest", Api.TF_SERVING, null),
    SERVER_LIVE("inference.GRPCInferenceService/ServerLive", Api.V2, null),
    SERVER_READY("inference.GRPCInferenceService/ServerReady", Api.V2, null),
    SERVER_METADATA("inference.GRPCInferenceService/ServerMetadata", Api.V2, null),
    MODEL_READY("inference.GRPCInferenceService/ModelReady", Api.V2, "/ready"),
    MODEL_METADATA("inference.GRPCInferenceService/ModelMetadata", Api.V2, ""),
    MODEL_INFER("inference.GRPCInferenceService/ModelInfer", Api.V2, "/infer");

    /** TF Serving's requests carry {@code model_spec} as field 1; V2's carry name and version as fields 1 and 2. */
    private static final int MODEL_SPEC = 1;
    private static final int V2_NAME = 1;
    private static final int V2_VERSION = 2;
    private static final Map<String, ProxiedMethod> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toMap(ProxiedMethod::fullName, Function.identity()));

    private final String fullName;
    private final Api api;
    /** The REST path suffix of the same request; null for server-level methods, which name no model. */
    private final String suffix;
    private final MethodDescriptor<byte[], byte[]> descriptor;

    ProxiedMethod(String fullName, Api api, String suffix) {
        this.fullName = fullName;
        this.api = api;
        this.suffix = suffix;
        this.descriptor = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullName).setRequestMarshaller(RawBytes.MARSHALLER)
                .setResponseMarshaller(RawBytes.MARSHALLER).build();
    }

    static ProxiedMethod named(String fullName) {
        return BY_NAME.get(fullName);
    }

    String fullName() {
        return fullName;
    }

    MethodDescriptor<byte[], byte[]> descriptor() {
        return descriptor;
    }

    /** The request as a path, for the router. */
    InferencePath path(byte[] request) {
        if (suffix == null) {
            return InferencePath.of(api, null, null, null, "", fullName);
        }
        if (api == Api.V2) {
            String name = string(ProtoFields.find(request, V2_NAME));
            String version = string(ProtoFields.find(request, V2_VERSION));
            boolean number = !version.isEmpty() && version.chars().allMatch(Character::isDigit);
            return InferencePath.of(api, required(name, "model_name"), number ? parseVersion(version) : null,
                    number ? null : version, suffix, fullName);
        }
        ModelSpec spec = modelSpec(request);
        return InferencePath.of(api, required(spec.getName(), "model_spec.name"),
                spec.hasVersion() ? spec.getVersion().getValue() : null, spec.getVersionLabel(), suffix, fullName);
    }

    /** The request pinned to {@code version}. */
    byte[] pinnedTo(byte[] request, long version) {
        if (api == Api.V2) {
            return ProtoFields.replace(request, V2_VERSION, ByteString.copyFromUtf8(Long.toString(version)));
        }
        if (this == MULTI_INFERENCE) {
            MultiInferenceRequest.Builder multi = parse(request).toBuilder();
            for (InferenceTask.Builder task : multi.getTasksBuilderList()) {
                task.setModelSpec(pinned(task.getModelSpec(), version));
            }
            return multi.build().toByteArray();
        }
        return ProtoFields.replace(request, MODEL_SPEC, pinned(modelSpec(request), version).toByteString());
    }

    private ModelSpec modelSpec(byte[] request) {
        if (this == MULTI_INFERENCE) {
            MultiInferenceRequest multi = parse(request);
            return multi.getTasksCount() == 0 ? ModelSpec.getDefaultInstance() : multi.getTasks(0).getModelSpec();
        }
        ByteString spec = ProtoFields.find(request, MODEL_SPEC);
        try {
            return spec == null ? ModelSpec.getDefaultInstance() : ModelSpec.parseFrom(spec);
        } catch (InvalidProtocolBufferException e) {
            throw invalid("model_spec is not a valid ModelSpec: " + e.getMessage());
        }
    }

    private static MultiInferenceRequest parse(byte[] request) {
        try {
            return MultiInferenceRequest.parseFrom(request);
        } catch (InvalidProtocolBufferException e) {
            throw invalid("the request is not a valid MultiInferenceRequest: " + e.getMessage());
        }
    }

    private static ModelSpec pinned(ModelSpec spec, long version) {
        return spec.toBuilder().setVersion(Int64Value.of(version)).clearVersionLabel().build();
    }

    private static String string(ByteString bytes) {
        return bytes == null ? "" : bytes.toString(StandardCharsets.UTF_8);
    }

    private static String required(String name, String field) {
        if (name.isEmpty()) {
            throw invalid("Missing " + field + ": the request names no model");
        }
        return name;
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw invalid("version " + version + " is too large");
        }
    }

    private static RuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
