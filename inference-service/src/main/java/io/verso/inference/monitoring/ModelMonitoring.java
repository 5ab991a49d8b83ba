package io.verso.inference.monitoring;

import io.verso.inference.monitoring.slice.Slicer;

/**
 * The monitoring settings of one model.
 *
 * @param predictionLogRate the share of its answered calls written to the prediction log, 0 to 1
 * @param task how feedback scores it; null infers it from the scored output's dtype and shape
 * @param labelOutput the output feedback scores; null picks one (see {@code feedback.Scoring})
 * @param slicer names the slice of each prediction row
 */
public record ModelMonitoring(double predictionLogRate, Task task, String labelOutput, Slicer slicer) {

    public ModelMonitoring {
        if (predictionLogRate < 0 || predictionLogRate > 1) {
            throw new IllegalArgumentException("prediction log rate must be within [0, 1], not " + predictionLogRate);
        }
    }
}
