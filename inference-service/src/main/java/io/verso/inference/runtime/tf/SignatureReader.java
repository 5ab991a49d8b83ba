package io.verso.inference.runtime.tf;

import io.verso.inference.model.DataType;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorShape;
import io.verso.inference.model.TensorSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Reads the signatures of a MetaGraphDef into runtime-neutral {@link SignatureSpec}s. A TensorInfo with no shape
 * or {@code unknown_rank} reads as unknown rank (TF Java itself would read it as a scalar). Signatures whose
 * tensors this server cannot carry are reported as unavailable with the reason, not dropped silently.
 */
final class SignatureReader {

    /** TF2's {@code tf.saved_model.save} stores the init op as a pseudo-signature; it is no endpoint. */
    static final String INIT_OP_SIGNATURE = "__saved_model_init_op";

    private final Map<String, SignatureSpec> signatures = new TreeMap<>();
    private final Map<String, String> unavailable = new TreeMap<>();

    SignatureReader(MetaGraphDef metaGraph) {
        metaGraph.getSignatureDefMap().forEach((key, def) -> {
            if (INIT_OP_SIGNATURE.equals(key)) {
                return;
            }
            try {
                signatures.put(key, read(key, def));
            } catch (UnsupportedSignatureException e) {
                unavailable.put(key, e.getMessage());
            }
        });
    }

    Map<String, SignatureSpec> signatures() {
        return signatures;
    }

    Map<String, String> unavailable() {
        return unavailable;
    }

    private static SignatureSpec read(String key, SignatureDef def) {
        return new SignatureSpec(key, def.getMethodName(), tensors(def.getInputsMap()), tensors(def.getOutputsMap()));
    }

    private static Map<String, TensorSpec> tensors(Map<String, TensorInfo> infos) {
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        new TreeMap<>(infos).forEach((key, info) -> specs.put(key, tensor(key, info)));
        return specs;
    }

    private static TensorSpec tensor(String key, TensorInfo info) {
        if (info.getEncodingCase() != TensorInfo.EncodingCase.NAME) {
            throw new UnsupportedSignatureException("tensor '" + key + "' is a " + info.getEncodingCase()
                    + " tensor; only dense tensors are served");
        }
        Optional<DataType> type = DataType.fromTfName(info.getDtype().name());
        if (type.isEmpty()) {
            throw new UnsupportedSignatureException("tensor '" + key + "' has type " + info.getDtype()
                    + ", which the APIs cannot carry");
        }
        return new TensorSpec(key, info.getName(), type.get(), shape(info));
    }

    static TensorShape shape(TensorInfo info) {
        if (!info.hasTensorShape() || info.getTensorShape().getUnknownRank()) {
            return TensorShape.unknownRank();
        }
        TensorShapeProto proto = info.getTensorShape();
        long[] dims = new long[proto.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = proto.getDim(i).getSize() < 0 ? TensorShape.UNKNOWN_DIM : proto.getDim(i).getSize();
        }
        return TensorShape.of(dims);
    }

    /** A signature this server cannot serve; the message becomes the reason shown in metadata. */
    static final class UnsupportedSignatureException extends RuntimeException {
        UnsupportedSignatureException(String message) {
            super(message);
        }
    }
}
