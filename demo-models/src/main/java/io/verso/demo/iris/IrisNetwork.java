package io.verso.demo.iris;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The classifier's forward pass, built the same way for training (weights in variables) and for serving (weights
 * frozen into constants): standardise the raw measurements with the training mean and standard deviation, then dense
 * layers, ReLU between them, the last one producing the three class logits.
 */
final class IrisNetwork {

    /** One dense layer's weights as graph operands: {@code kernel} {@code [inputs, units]}, {@code bias} {@code [units]}. */
    record Layer(Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    }

    private IrisNetwork() {
    }

    static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> features, Operand<TFloat32> mean,
                                    Operand<TFloat32> stddev, List<Layer> layers) {
        Operand<TFloat32> activations = tf.math.div(tf.math.sub(features, mean), stddev);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            activations = tf.math.add(tf.linalg.matMul(activations, layer.kernel()), layer.bias());
            if (i < layers.size() - 1) {
                activations = tf.nn.relu(activations);
            }
        }
        return activations;
    }
}
