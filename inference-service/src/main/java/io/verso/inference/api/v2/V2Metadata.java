package io.verso.inference.api.v2;

import io.verso.inference.model.InferenceException;
import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
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
public final class V2Metadata {

    public static final String PLATFORM = "tensorflow_savedmodel";
    public static final String SERVER_NAME = "verso";
    public static final List<String> EXTENSIONS = List.of("binary_tensor_data");
    /** The request parameter (REST: also the query parameter) that picks a signature other than the default. */
    public static final String SIGNATURE_PARAM = "signature_name";

    private V2Metadata() {
    }

    /**
     * @param metadata the selected version and its servable's metadata
     * @param statuses the statuses of all the model's versions, from which the available ones are listed
     * @param signature the signature to describe
     */
    static Map<String, Object> document(VersionMetadata metadata, List<VersionStatus> statuses,
                                        SignatureSpec signature) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", metadata.model());
        document.put("versions", availableVersions(statuses));
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

    /** The available versions, ascending, as clients expect them. */
    public static List<String> availableVersions(List<VersionStatus> statuses) {
        List<String> versions = new ArrayList<>();
        // statuses are newest first.
        for (int i = statuses.size() - 1; i >= 0; i--) {
            if (statuses.get(i).state() == VersionState.AVAILABLE) {
                versions.add(Long.toString(statuses.get(i).version()));
            }
        }
        return versions;
    }

    /**
     * The selector of a V2 model version: all digits pins that version; any other value is taken as a version
     * label (as TensorFlow Serving's {@code /labels/}), so the gateway's label pins work here too; empty or null
     * is the default.
     */
    public static VersionSelector selector(String version) {
        if (version == null || version.isEmpty()) {
            return VersionSelector.DEFAULT;
        }
        if (version.chars().allMatch(Character::isDigit)) {
            try {
                return new VersionSelector.Number(Long.parseLong(version));
            } catch (NumberFormatException e) {
                throw InferenceException.invalid("version " + version + " is too large");
            }
        }
        return new VersionSelector.Label(version);
    }

    public static long[] shape(TensorShape shape) {
        return shape.isUnknownRank() ? new long[] {TensorShape.UNKNOWN_DIM} : shape.dims();
    }
}
