package io.verso.demo;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;

/**
 * Triton's "simple" example model as a TensorFlow SavedModel, so Triton's example clients (JSON and binary
 * tensors) run against Verso unchanged: INT32 inputs {@code INPUT0} and {@code INPUT1} of shape {@code [-1,16]},
 * outputs {@code OUTPUT0 = INPUT0 + INPUT1} and {@code OUTPUT1 = INPUT0 - INPUT1}, in the signature
 * {@code serving_default} (method {@code tensorflow/serving/predict}) under the tag {@code serve}.
 *
 * <p>It is written as version 1 of a TensorFlow Serving style base path, {@code <root>/simple/1/}.
 */
public final class SimpleModel {

    public static final String NAME = "simple";
    public static final long VERSION = 1;
    /** Elements per row, as in Triton's example. */
    public static final int WIDTH = 16;

    private SimpleModel() {
    }

    /** The model's base path under {@code root}: the directory a server is configured with. */
    public static Path basePath(Path root) {
        return root.resolve(NAME);
    }

    /** The version directory holding the SavedModel. */
    public static Path versionDirectory(Path root) {
        return SavedModelWriter.versionDirectory(root, NAME, VERSION);
    }

    /**
     * Writes the model under {@code root} unless its version directory already holds one.
     *
     * @return true when this call wrote the model, false when it was already present
     */
    public static boolean writeTo(Path root) throws IOException {
        return SavedModelWriter.write(root, NAME, VERSION, SimpleModel::export);
    }

    /** Builds the graph and exports it as a SavedModel into {@code directory}, which must exist. */
    static void export(Path directory) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Shape rows = Shape.of(-1, WIDTH);
            // Graph node names equal the signature keys, so the graph reads like Triton's model configuration.
            Placeholder<TInt32> input0 = tf.withName("INPUT0").placeholder(TInt32.class, Placeholder.shape(rows));
            Placeholder<TInt32> input1 = tf.withName("INPUT1").placeholder(TInt32.class, Placeholder.shape(rows));
            var sum = tf.withName("OUTPUT0").math.add(input0, input1);
            var difference = tf.withName("OUTPUT1").math.sub(input0, input1);
            SavedModelWriter.exportPredict(directory, graph, Signature.builder()
                    .input("INPUT0", input0)
                    .input("INPUT1", input1)
                    .output("OUTPUT0", sum)
                    .output("OUTPUT1", difference));
        }
    }
}
