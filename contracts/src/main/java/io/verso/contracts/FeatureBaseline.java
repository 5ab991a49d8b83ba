package io.verso.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics of one input feature over the training data: the baseline that training–serving skew and drift checks
 * compare live traffic with. A training pipeline registers it with a version (registry: {@code metadata.features});
 * the registry hands it to pods in the desired state. Every field is optional: numeric features use the moments and
 * {@link #histogram}, categorical (string) features use {@link #categories}.
 *
 * @param count           values seen in training
 * @param mean            mean of the values
 * @param stddev          standard deviation of the values
 * @param min             smallest value seen; with {@code max} the range the training schema allows
 * @param max             largest value seen
 * @param missingFraction fraction of training examples without the feature, 0–1
 * @param quantiles       e.g. {@code p50 → 3.2}
 * @param categories      category → frequency, 0–1
 * @param histogram       the fixed bins drift is measured on, with the training fraction in each
 */
public record FeatureBaseline(Long count, Double mean, Double stddev, Double min, Double max, Double missingFraction,
                              Map<String, Double> quantiles, Map<String, Double> categories, Histogram histogram) {

    public FeatureBaseline {
        quantiles = quantiles == null ? null : Collections.unmodifiableMap(new TreeMap<>(quantiles));
        categories = categories == null ? null : Collections.unmodifiableMap(new TreeMap<>(categories));
    }
}
