package io.verso.registry.model;

import java.util.Map;

/**
 * Statistics of one input feature over the training data: the baseline that skew and drift checks compare live
 * traffic with. Every field is optional; numeric features use the moments, categorical ones {@code categories}.
 *
 * @param count           values seen
 * @param missingFraction fraction of examples without the feature (0–1)
 * @param quantiles       e.g. {@code p50 → 3.2}
 * @param categories      category → frequency (0–1)
 */
public record FeatureBaseline(Long count, Double mean, Double stddev, Double min, Double max, Double missingFraction,
                              Map<String, Double> quantiles, Map<String, Double> categories) {
}
