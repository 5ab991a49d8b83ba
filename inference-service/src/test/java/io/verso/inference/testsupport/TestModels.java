package io.verso.inference.testsupport;

import io.verso.demo.SavedModelWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** SavedModels that tests export with TensorFlow Java for behaviours no fixture has. */
public final class TestModels {

    private TestModels() {
    }

    /**
     * {@code y = 2 * x} with x FP32 {@code [-1,2]}, through TensorFlow's CheckNumerics: any NaN or infinity in the
     * input makes TensorFlow itself fail the whole call with InvalidArgument, as a real model error would.
     */
    public static Path doubleOrFailOnNaN(Path directory) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
            var y = tf.withName("y").debugging.checkNumerics(tf.math.mul(x, tf.constant(2f)), "non-finite input");
            Signature signature = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
                    .input("x", x).output("y", y).build();
            SavedModelWriter.export(Files.createDirectories(directory), graph, signature);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A two-class classifier: {@code features} FP32 {@code [-1,3]} in, {@code scores} FP32 {@code [-1,2]} out, the
     * scores being the first two features, so the predicted class is 0 when {@code features[0] > features[1]}, else
     * 1. The third feature does not change the prediction; tests slice by it.
     */
    public static Path twoClassClassifier(Path directory) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> features = tf.withName("features")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
            var weights = tf.constant(new float[][] {{1f, 0f}, {0f, 1f}, {0f, 0f}});
            var scores = tf.withName("scores").linalg.matMul(features, weights);
            Signature signature = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
                    .input("features", features).output("scores", scores).build();
            SavedModelWriter.export(Files.createDirectories(directory), graph, signature);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
