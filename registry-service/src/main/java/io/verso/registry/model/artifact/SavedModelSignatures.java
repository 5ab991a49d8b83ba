package io.verso.registry.model.artifact;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads the serving signatures from {@code saved_model.pb} with TensorFlow's generated protobuf classes: pure Java,
 * no native library, so the registry never loads TensorFlow itself.
 */
final class SavedModelSignatures {

    /** The tag set TF Serving loads; a SavedModel without it cannot be served. */
    static final String SERVE_TAG = "serve";

    /** TF2's {@code tf.saved_model.save} lists its initializer beside the signatures; it is not one. */
    private static final String INIT_OP = "__saved_model_init_op";

    private SavedModelSignatures() {
    }

    static List<SignatureInfo> read(byte[] savedModelPb) {
        SavedModel model;
        try {
            model = SavedModel.parseFrom(savedModelPb);
        } catch (InvalidProtocolBufferException e) {
            throw InvalidArtifactException.ofFile("saved_model.pb is not a SavedModel protobuf: " + e.getMessage());
        }
        MetaGraphDef graph = model.getMetaGraphsList().stream()
                .filter(g -> g.getMetaInfoDef().getTagsList().contains(SERVE_TAG))
                .findFirst()
                .orElseThrow(() -> InvalidArtifactException.ofFile(
                        "saved_model.pb has no meta graph tagged '" + SERVE_TAG + "' (tag sets: "
                                + model.getMetaGraphsList().stream().map(g -> g.getMetaInfoDef().getTagsList()).toList()
                                + ")"));
        List<SignatureInfo> signatures = new ArrayList<>();
        new TreeMap<>(graph.getSignatureDefMap()).forEach((name, def) -> {
            if (!INIT_OP.equals(name)) {
                signatures.add(signature(name, def));
            }
        });
        return List.copyOf(signatures);
    }

    private static SignatureInfo signature(String name, SignatureDef def) {
        return new SignatureInfo(name, def.getMethodName(), tensors(def.getInputsMap()), tensors(def.getOutputsMap()));
    }

    private static Map<String, TensorSpec> tensors(Map<String, TensorInfo> infos) {
        Map<String, TensorSpec> specs = new TreeMap<>();
        infos.forEach((key, info) -> specs.put(key, new TensorSpec(info.getName(), info.getDtype().name(), shape(info))));
        return Collections.unmodifiableMap(specs);
    }

    private static List<Long> shape(TensorInfo info) {
        if (!info.hasTensorShape() || info.getTensorShape().getUnknownRank()) {
            return null;
        }
        return info.getTensorShape().getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
    }
}
