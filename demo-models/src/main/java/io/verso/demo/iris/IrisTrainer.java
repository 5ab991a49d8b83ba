package io.verso.demo.iris;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Trains the Iris classifier in a TensorFlow graph: full-batch gradient descent on the mean softmax cross-entropy, the
 * gradients from TensorFlow's own gradient ops ({@code tf.gradients}).
 *
 * <p>Runs are reproducible bit for bit: the initial weights come from a seeded {@link Random}, every step sees the
 * whole training set in the same order, and the session runs every kernel on one thread, so no reduction depends on
 * how work was split between threads.
 */
final class IrisTrainer {

    private static final ConfigProto ONE_THREAD = ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(1)
            .setInterOpParallelismThreads(1)
            .build();

    private IrisTrainer() {
    }

    static TrainedClassifier train(IrisDataset.Split split, float[] mean, float[] stddev, HyperParameters hyper) {
        int features = IrisDataset.FEATURES.size();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, features)));
            Placeholder<TFloat32> y = tf.placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, IrisDataset.CLASSES.size())));

            Random random = new Random(hyper.seed());
            List<Variable<TFloat32>> variables = new ArrayList<>();
            List<IrisNetwork.Layer> layers = new ArrayList<>();
            int[] widths = hyper.hiddenUnits() == 0 ? new int[] {features, IrisDataset.CLASSES.size()}
                    : new int[] {features, hyper.hiddenUnits(), IrisDataset.CLASSES.size()};
            for (int i = 1; i < widths.length; i++) {
                Variable<TFloat32> kernel = tf.variable(tf.constant(glorotUniform(random, widths[i - 1], widths[i])));
                Variable<TFloat32> bias = tf.variable(tf.constant(new float[widths[i]]));
                variables.add(kernel);
                variables.add(bias);
                layers.add(new IrisNetwork.Layer(kernel, bias));
            }
            Operand<TFloat32> logits = IrisNetwork.logits(tf, x, tf.constant(mean), tf.constant(stddev), layers);
            Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, y).loss(),
                    tf.constant(0));
            Gradients gradients = tf.gradients(loss, variables);
            // The backward pass reads the variables too (a hidden layer's gradient goes through the next layer's
            // kernel): no update may run before every gradient is computed, or the step would depend on the order
            // the runtime happens to schedule them in.
            List<Op> allGradients = new ArrayList<>();
            gradients.forEach(allGradients::add);
            Ops afterGradients = tf.withControlDependencies(allGradients);
            List<Op> steps = new ArrayList<>();
            for (int i = 0; i < variables.size(); i++) {
                steps.add(afterGradients.train.applyGradientDescent(variables.get(i),
                        tf.constant(hyper.learningRate()), gradients.<TFloat32>dy(i)));
            }
            Operand<TInt64> classIds = tf.math.argMax(logits, tf.constant(1));

            try (Session session = new Session(graph, ONE_THREAD);
                 TFloat32 trainX = TFloat32.tensorOf(StdArrays.ndCopyOf(asFloats(split.train().features())));
                 TFloat32 trainY = TFloat32.tensorOf(StdArrays.ndCopyOf(oneHot(split.train().labels())))) {
                session.initialize();
                for (int step = 0; step < hyper.steps(); step++) {
                    Session.Runner runner = session.runner().feed(x, trainX).feed(y, trainY);
                    steps.forEach(runner::addTarget);
                    runner.run().close();
                }
                double trainLoss;
                try (Result result = session.runner().feed(x, trainX).feed(y, trainY).fetch(loss).run()) {
                    trainLoss = ((TFloat32) result.get(0)).getFloat();
                }
                return new TrainedClassifier(mean, stddev, weights(session, variables), trainLoss,
                        accuracy(session, x, classIds, split.train()), accuracy(session, x, classIds, split.test()));
            }
        }
    }

    /** Glorot (Xavier) uniform initialisation: keeps activations' variance steady through the layers. */
    private static float[][] glorotUniform(Random random, int inputs, int units) {
        double limit = Math.sqrt(6.0 / (inputs + units));
        float[][] kernel = new float[inputs][units];
        for (float[] row : kernel) {
            for (int j = 0; j < units; j++) {
                row[j] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
        return kernel;
    }

    private static List<TrainedClassifier.Weights> weights(Session session, List<Variable<TFloat32>> variables) {
        List<TrainedClassifier.Weights> layers = new ArrayList<>();
        for (int i = 0; i < variables.size(); i += 2) {
            try (Result result = session.runner().fetch(variables.get(i)).fetch(variables.get(i + 1)).run()) {
                layers.add(new TrainedClassifier.Weights(StdArrays.array2dCopyOf((TFloat32) result.get(0)),
                        StdArrays.array1dCopyOf((TFloat32) result.get(1))));
            }
        }
        return layers;
    }

    private static double accuracy(Session session, Placeholder<TFloat32> x, Operand<TInt64> classIds,
                                   IrisDataset data) {
        try (TFloat32 features = TFloat32.tensorOf(StdArrays.ndCopyOf(asFloats(data.features())));
             Result result = session.runner().feed(x, features).fetch(classIds).run()) {
            long[] predicted = StdArrays.array1dCopyOf((TInt64) result.get(0));
            int correct = 0;
            for (int row = 0; row < predicted.length; row++) {
                if (predicted[row] == data.labels()[row]) {
                    correct++;
                }
            }
            return (double) correct / predicted.length;
        }
    }

    static float[][] asFloats(double[][] rows) {
        float[][] floats = new float[rows.length][];
        for (int row = 0; row < rows.length; row++) {
            floats[row] = new float[rows[row].length];
            for (int column = 0; column < rows[row].length; column++) {
                floats[row][column] = (float) rows[row][column];
            }
        }
        return floats;
    }

    private static float[][] oneHot(int[] labels) {
        float[][] encoded = new float[labels.length][IrisDataset.CLASSES.size()];
        for (int row = 0; row < labels.length; row++) {
            encoded[row][labels[row]] = 1;
        }
        return encoded;
    }
}
