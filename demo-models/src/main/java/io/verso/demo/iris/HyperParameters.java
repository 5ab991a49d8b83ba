package io.verso.demo.iris;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one version is trained: full-batch gradient descent on the mean softmax cross-entropy.
 *
 * @param hiddenUnits  units of the one hidden ReLU layer; 0 for a softmax regression (no hidden layer)
 * @param learningRate gradient descent step size
 * @param steps        gradient descent steps over the whole training set
 * @param seed         seeds the initial weights (Glorot-uniform from {@link java.util.Random})
 */
public record HyperParameters(int hiddenUnits, float learningRate, int steps, long seed) {

    public String architecture() {
        return hiddenUnits == 0 ? "softmax regression 4-3"
                : "MLP 4-" + hiddenUnits + "-3 (ReLU)";
    }

    /** As the registry's metadata {@code tags} record them. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("architecture", architecture());
        tags.put("hidden_units", Integer.toString(hiddenUnits));
        tags.put("learning_rate", Float.toString(learningRate));
        tags.put("steps", Integer.toString(steps));
        tags.put("seed", Long.toString(seed));
        tags.put("optimizer", "full-batch gradient descent, mean softmax cross-entropy");
        return tags;
    }
}
