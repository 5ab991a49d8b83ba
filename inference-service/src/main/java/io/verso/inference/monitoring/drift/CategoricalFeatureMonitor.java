package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** A string feature's category counts over the serving window and their L-infinity distance to the baseline. */
final class CategoricalFeatureMonitor {

    private final String name;
    private final Map<String, Double> baseline;
    private final int maxCategories;
    private final SlidingWindow<CategoryCounts> window;

    CategoricalFeatureMonitor(String name, FeatureBaseline baseline, Duration length, int buckets,
                              int maxCategories, LongSupplier clock) {
        this.name = name;
        this.baseline = baseline.categories();
        this.maxCategories = maxCategories;
        this.window = new SlidingWindow<>(length, buckets, clock, () -> new CategoryCounts(maxCategories));
    }

    synchronized void add(String category) {
        window.current().add(category);
    }

    synchronized void addMissing(long rows) {
        CategoryCounts current = window.current();
        for (long i = 0; i < rows; i++) {
            current.addMissing();
        }
    }

    FeatureReport report(DriftThresholds thresholds) {
        CategoryCounts merged = snapshot();
        long count = merged.count();
        boolean judged = count >= Math.max(1, thresholds.minSamples());
        Map<String, Long> counts = merged.counts();
        Double lInfinity = count == 0 ? null : DriftDistances.lInfinity(counts, baseline);
        return new FeatureReport(name, "categorical", count, merged.missing(), null, null, null, null, null,
                new FeatureReport.CategoriesReport(normalised(counts), normalised(baseline)), null, null, lInfinity,
                judged, Map.of(DriftMetric.L_INFINITY.label(), judged && lInfinity > thresholds.lInfinity()));
    }

    private synchronized CategoryCounts snapshot() {
        CategoryCounts merged = new CategoryCounts(maxCategories);
        window.live().forEach(merged::merge);
        return merged;
    }

    private static Map<String, Double> normalised(Map<String, ? extends Number> counts) {
        double total = counts.values().stream().mapToDouble(Number::doubleValue).sum();
        Map<String, Double> shares = new TreeMap<>();
        counts.forEach((category, n) -> shares.put(category, total == 0 ? 0 : n.doubleValue() / total));
        return shares;
    }
}
