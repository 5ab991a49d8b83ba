package io.verso.demo;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow Serving's first example, {@code y = 0.5 * x + 2}, so the README's {@code curl} from TensorFlow
 * Serving's own documentation works unchanged: FP32 input {@code x} of shape {@code [-1,1]}, output {@code y}, in
 * the signature {@code serving_default}. Version 1 of {@code <root>/half_plus_two/}.
 */
public final class HalfPlusTwoModel {

    public static final String NAME = "half_plus_two";
    public static final long VERSION = 1;

    private HalfPlusTwoModel() {
    }

    public static Path basePath(Path root) {
        return root.resolve(NAME);
    }

    public static Path versionDirectory(Path root) {
        return SavedModelWriter.versionDirectory(root, NAME, VERSION);
    }

    /** @return true when this call wrote the model, false when it was already present */
    public static boolean writeTo(Path root) throws IOException {
        return SavedModelWriter.write(root, NAME, VERSION, HalfPlusTwoModel::export);
    }

    static void export(Path directory) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            var y = tf.withName("y").math.add(tf.math.mul(x, tf.constant(0.5f)), tf.constant(2f));
            SavedModelWriter.exportPredict(directory, graph, Signature.builder().input("x", x).output("y", y));
        }
    }
}
