package io.verso.inference.api.tfserving;

import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.lifecycle.VersionState;
import io.verso.inference.lifecycle.VersionStatus;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GetModelStatus} and {@code GetModelMetadata} in TensorFlow Serving's shape (proto3 JSON:
 * int64 values as strings). Signatures that could not be served are listed under
 * {@code metadata.verso_unavailable_signatures} with their reasons.
 */
final class ModelStatusJson {

    private ModelStatusJson() {
    }

    static Map<String, Object> status(List<VersionStatus> versions) {
        List<Map<String, Object>> list = versions.stream().map(v -> Map.<String, Object>of(
                "version", Long.toString(v.version()),
                "state", v.state().name(),
                "status", Map.of(
                        "error_code", v.state() == VersionState.ERROR ? "UNKNOWN" : "OK",
                        "error_message", v.error() == null ? "" : v.error()))).toList();
        return Map.of("model_version_status", list);
    }

    static Map<String, Object> metadata(VersionMetadata version) {
        Map<String, Object> signatures = new LinkedHashMap<>();
        version.metadata().signatures().forEach((key, signature) -> signatures.put(key, signature(signature)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("signature_def", Map.of("signature_def", signatures));
        if (!version.metadata().unavailableSignatures().isEmpty()) {
            metadata.put("verso_unavailable_signatures", version.metadata().unavailableSignatures());
        }
        return Map.of(
                "model_spec", Map.of("name", version.model(), "signature_name", "",
                        "version", Long.toString(version.version())),
                "metadata", metadata);
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
        specs.forEach((key, spec) -> json.put(key, Map.of(
                "dtype", spec.dataType().tfName(),
                "tensor_shape", shape(spec.shape()),
                "name", spec.tensorName())));
        return json;
    }

    private static Map<String, Object> shape(TensorShape shape) {
        if (shape.isUnknownRank()) {
            return Map.of("dim", List.of(), "unknown_rank", true);
        }
        List<Map<String, String>> dims = new java.util.ArrayList<>();
        for (int i = 0; i < shape.rank(); i++) {
            dims.add(Map.of("size", Long.toString(shape.dim(i)), "name", ""));
        }
        return Map.of("dim", dims, "unknown_rank", false);
    }
}
