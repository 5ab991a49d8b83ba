package io.verso.bench.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A 256→1024→1024→10 multilayer perceptron (FP32, ReLU between layers, linear output), about 1.3 M weights and
 * 2.6 MFLOP per row: large enough that TensorFlow's matrix multiplies dominate a well-batched call, small enough
 * that a single row is cheap and serving overhead shows. Weights are constants from a fixed seed (He
 * initialisation), so every run serves the same function. Input {@code x} [-1,256], output {@code y} [-1,10].
 */
public final class MlpModel {

    public static final String NAME = "mlp";
    public static final long VERSION = 1;
    public static final int INPUT_WIDTH = 256;
    public static final int HIDDEN_WIDTH = 1024;
    public static final int OUTPUT_WIDTH = 10;
    static final long SEED = 20_260_501L;

    private MlpModel() {
    }

    /** Writes version 1 under {@code <root>/mlp/} unless present; returns the version directory. */
    public static Path writeTo(Path root) throws IOException {
        return ModelRepository.write(root, NAME, VERSION, MlpModel::export);
    }

    static void export(Path directory) throws IOException {
        Random random = new Random(SEED);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.withName("x")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, INPUT_WIDTH)));
            Operand<TFloat32> h1 = tf.nn.relu(dense(tf, x, INPUT_WIDTH, HIDDEN_WIDTH, random));
            Operand<TFloat32> h2 = tf.nn.relu(dense(tf, h1, HIDDEN_WIDTH, HIDDEN_WIDTH, random));
            Operand<TFloat32> logits = dense(tf, h2, HIDDEN_WIDTH, OUTPUT_WIDTH, random);
            Operand<TFloat32> y = tf.withName("y").identity(logits);
            Signature signature = Signature.builder().key("serving_default").methodName("tensorflow/serving/predict")
                    .input("x", x).output("y", y).build();
            try (Session session = new Session(graph)) {
                SavedModelBundle.exporter(directory.toString()).withTags("serve").withSession(session)
                        .withSignature(signature).export();
            }
        }
    }

    private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> in, int fanIn, int fanOut, Random random) {
        float[] weights = new float[fanIn * fanOut];
        double scale = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) (random.nextGaussian() * scale);
        }
        float[] bias = new float[fanOut];
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) (random.nextGaussian() * 0.01);
        }
        Operand<TFloat32> w = tf.constant(Shape.of(fanIn, fanOut), DataBuffers.of(weights, true, false));
        Operand<TFloat32> b = tf.constant(Shape.of(fanOut), DataBuffers.of(bias, true, false));
        return tf.math.add(tf.linalg.matMul(in, w), b);
    }
}
