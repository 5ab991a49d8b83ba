package io.verso.demo.iris;

import java.util.List;

/**
 * What training produced: the standardisation constants, the weights of each dense layer and how well they classify.
 *
 * @param mean          per feature, the training mean the network subtracts
 * @param stddev        per feature, the training standard deviation it divides by
 * @param layers        dense layers in order, the last one producing the class logits
 * @param trainLoss     mean softmax cross-entropy on the training set after the last step
 * @param trainAccuracy share of training rows classified correctly
 * @param testAccuracy  share of held-out test rows classified correctly
 */
public record TrainedClassifier(float[] mean, float[] stddev, List<Weights> layers, double trainLoss,
                                double trainAccuracy, double testAccuracy) {

    /** One dense layer: {@code kernel[input][unit]}, {@code bias[unit]}. */
    public record Weights(float[][] kernel, float[] bias) {
    }
}
