package io.verso.inference.monitoring;

/** How feedback scores a model's predictions. */
public enum Task {
    /** Predicted class (argmax of scores, or a class id/name output) compared with the label: accuracy. */
    CLASSIFICATION,
    /** A numeric output compared with the label: mean absolute error. */
    REGRESSION
}
