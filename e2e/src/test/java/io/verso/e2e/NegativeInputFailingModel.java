package io.verso.e2e;

import io.verso.demo.SavedModelWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A faulty build of {@code half_plus_two}: the same signature ({@code x} FP32 {@code [-1,1]} to {@code y}) and the
 * same answers for {@code x >= 0}, but it also takes {@code sqrt(x)} through a {@code CheckNumerics}, so any negative
 * input makes the whole call fail (TensorFlow's InvalidArgument) — a model that breaks on a slice of its inputs, as a
 * bad retrain would.
 */
final class NegativeInputFailingModel {

    /** The check's message, which TensorFlow's error (and so the pod's 400 answer) starts with. */
    static final String CHECK_MESSAGE = "x must not be negative";

    private NegativeInputFailingModel() {
    }

    /** Exports the SavedModel into the existing, empty {@code directory}. */
    static void export(Path directory) throws IOException {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
            var checkedRoot = tf.debugging.checkNumerics(tf.math.sqrt(x), CHECK_MESSAGE);
            // 0 * sqrt(x) keeps the check in the answer's path without changing the answer where it passes.
            var y = tf.withName("y").math.add(tf.math.add(tf.math.mul(x, tf.constant(0.5f)), tf.constant(2f)),
                    tf.math.mul(checkedRoot, tf.constant(0f)));
            SavedModelWriter.export(directory, graph, Signature.builder().key(SavedModelWriter.SIGNATURE_KEY)
                    .methodName(SavedModelWriter.PREDICT_METHOD).input("x", x).output("y", y).build());
        }
    }
}
