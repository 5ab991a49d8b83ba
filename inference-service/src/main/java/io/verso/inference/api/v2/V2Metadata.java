package io.verso.inference.api.v2;

import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.lifecycle.VersionState;
import io.verso.inference.lifecycle.VersionStatus;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model metadata document of the Open Inference Protocol, for one signature of a loaded version.
 *
 * <p>V2 has no spelling for a tensor of unknown rank. Such a tensor is shown with the shape {@code [-1]}: "some
 * number of elements", which is what a client may send as a flat batch; the V2 request itself always carries the
 * concrete shape, so nothing is lost on the way in.
 */
final class V2Metadata {

    static final String PLATFORM = "tensorflow_savedmodel";

    private V2Metadata() {
    }

    /**
     * @param metadata the selected version and its servable's metadata
     * @param statuses the statuses of all the model's versions, from which the available ones are listed
     * @param signature the signature to describe
     */
    static Map<String, Object> document(VersionMetadata metadata, List<VersionStatus> statuses,
                                        SignatureSpec signature) {
        List<String> versions = new ArrayList<>();
        // statuses are newest first; clients expect ascending version numbers.
        for (int i = statuses.size() - 1; i >= 0; i--) {
            if (statuses.get(i).state() == VersionState.AVAILABLE) {
                versions.add(Long.toString(statuses.get(i).version()));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", metadata.model());
        document.put("versions", versions);
        document.put("platform", PLATFORM);
        document.put("inputs", tensors(signature.inputs()));
        document.put("outputs", tensors(signature.outputs()));
        return document;
    }

    private static List<Map<String, Object>> tensors(Map<String, TensorSpec> specs) {
        List<Map<String, Object>> tensors = new ArrayList<>(specs.size());
        for (TensorSpec spec : specs.values()) {
            Map<String, Object> tensor = new LinkedHashMap<>();
            tensor.put("name", spec.key());
            tensor.put("datatype", spec.dataType().v2Name());
            tensor.put("shape", shape(spec.shape()));
            tensors.add(tensor);
        }
        return tensors;
    }

    static long[] shape(TensorShape shape) {
        return shape.isUnknownRank() ? new long[] {TensorShape.UNKNOWN_DIM} : shape.dims();
    }
}
