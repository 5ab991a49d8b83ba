package io.verso.inference.runtime.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Makes a MetaGraphDef loadable by TensorFlow Java when its signatures contradict its graph. TF Java refuses the
 * whole SavedModel when any one signature is wrong, and it reads a TensorInfo without a shape as a scalar, so a
 * sound graph can be unservable (TensorFlow Serving's {@code half_plus_three} fixture is both). The repair checks
 * every signature tensor against the imported graph: a signature naming a missing tensor or the wrong dtype is
 * dropped with the reason; a tensor without a shape takes the graph's shape. The graph is never changed.
 */
final class SignatureRepair {

    private final MetaGraphDef repaired;
    private final Map<String, String> dropped = new LinkedHashMap<>();

    SignatureRepair(MetaGraphDef metaGraph) {
        MetaGraphDef.Builder builder = metaGraph.toBuilder().clearSignatureDef();
        try (Graph graph = new Graph()) {
            graph.importGraphDef(metaGraph.getGraphDef());
            metaGraph.getSignatureDefMap().forEach((key, def) -> {
                try {
                    builder.putSignatureDef(key, repair(graph, def));
                } catch (IllegalStateException broken) {
                    dropped.put(key, broken.getMessage());
                }
            });
        }
        this.repaired = builder.build();
    }

    MetaGraphDef repaired() {
        return repaired;
    }

    /** Signatures that could not be repaired, by key, with the reason. */
    Map<String, String> dropped() {
        return dropped;
    }

    private static SignatureDef repair(Graph graph, SignatureDef def) {
        SignatureDef.Builder builder = def.toBuilder();
        def.getInputsMap().forEach((key, info) -> builder.putInputs(key, repair(graph, key, info)));
        def.getOutputsMap().forEach((key, info) -> builder.putOutputs(key, repair(graph, key, info)));
        return builder.build();
    }

    private static TensorInfo repair(Graph graph, String key, TensorInfo info) {
        if (info.getEncodingCase() != TensorInfo.EncodingCase.NAME) {
            return info;
        }
        Output<?> output = graphTensor(graph, key, info.getName());
        if (output.dataType() != info.getDtype()) {
            throw new IllegalStateException("tensor '" + key + "' (" + info.getName() + ") is declared "
                    + info.getDtype() + " but the graph has " + output.dataType());
        }
        boolean shapeUnknown = !info.hasTensorShape() || info.getTensorShape().getUnknownRank();
        Shape graphShape = output.shape();
        if (!shapeUnknown || graphShape.isUnknown()) {
            return info;
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : graphShape.asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return info.toBuilder().setTensorShape(shape).build();
    }

    private static Output<?> graphTensor(Graph graph, String key, String tensorName) {
        int colon = tensorName.lastIndexOf(':');
        String opName = colon < 0 ? tensorName : tensorName.substring(0, colon);
        int index = colon < 0 ? 0 : Integer.parseInt(tensorName.substring(colon + 1));
        GraphOperation op = graph.operation(opName);
        if (op == null || index >= op.numOutputs()) {
            throw new IllegalStateException("tensor '" + key + "' names " + tensorName + ", which is not in the graph");
        }
        return op.output(index);
    }
}
