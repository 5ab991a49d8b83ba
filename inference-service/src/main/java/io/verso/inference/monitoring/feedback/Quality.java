package io.verso.inference.monitoring.feedback;

import io.verso.inference.monitoring.Task;

/**
 * Model quality over a feedback window (of one slice, or of a whole version).
 *
 * @param task classification (value is accuracy) or regression (value is the mean absolute error)
 * @param count scored rows in the window
 * @param value accuracy or mean absolute error; NaN while the window is empty
 */
public record Quality(Task task, int count, double value) {
}
