package io.verso.inference.monitoring.drift;

import java.util.List;

/**
 * The answer of {@code GET /monitoring/models/{m}/versions/{v}/drift}.
 *
 * @param windowSeconds the sliding window the serving statistics cover
 * @param thresholds    the model's thresholds and minimum sample count
 * @param breached      whether any feature breaches any threshold
 * @param features      one entry per baseline feature
 */
public record DriftReport(String model, long version, long windowSeconds, DriftThresholds thresholds,
                          boolean breached, List<FeatureReport> features) {
}
