package io.verso.inference.monitoring.drift;

import java.util.List;
import java.util.Map;

/**
 * One feature in the drift report. Statistics are over the serving window; a value that cannot be computed yet
 * (no values, no baseline histogram) is null.
 *
 * @param feature    the baseline's feature name
 * @param type       {@code numeric} or {@code categorical}
 * @param count      values in the window (missing ones excluded)
 * @param missing    absent or NaN values in the window
 * @param histogram  numeric: the baseline's bins with serving and baseline fractions
 * @param categories categorical: normalised serving and baseline frequencies
 * @param psi        population stability index over the histogram bins
 * @param jsDistance Jensen–Shannon distance (base 2) over the histogram bins
 * @param lInfinity  categorical L-infinity distance
 * @param judged     whether the window holds enough values ({@code minSamples}) for breaches to count
 * @param breached   metric label ({@code psi}, {@code js_distance}, {@code linf}) → above its threshold (only
 *                   metrics that apply to the feature are listed; all false until judged)
 */
public record FeatureReport(String feature, String type, long count, long missing, Double mean, Double stddev,
                            Double min, Double max, HistogramReport histogram, CategoriesReport categories,
                            Double psi, Double jsDistance, Double lInfinity, boolean judged,
                            Map<String, Boolean> breached) {

    /** True when any applicable metric is above its threshold. */
    public boolean anyBreached() {
        return breached.containsValue(Boolean.TRUE);
    }

    /**
     * @param boundaries the baseline's bin boundaries; bin 0 is below the first, the last bin at or above the last
     * @param serving    share of the window's values per bin
     * @param baseline   share of the training values per bin
     */
    public record HistogramReport(List<Double> boundaries, List<Double> serving, List<Double> baseline) {
    }

    /**
     * @param serving  category → share of the window's values ({@code __other__} collects categories beyond the
     *                 tracked maximum)
     * @param baseline category → share in training, normalised
     */
    public record CategoriesReport(Map<String, Double> serving, Map<String, Double> baseline) {
    }
}
