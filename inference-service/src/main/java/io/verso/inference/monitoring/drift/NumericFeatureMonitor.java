package io.verso.inference.monitoring.drift;

import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A numeric feature's serving window, binned on its baseline's histogram, and its distances to the baseline. A
 * baseline without a histogram still gets moments, range and missing counts, but no distances.
 */
final class NumericFeatureMonitor {

    private final String name;
    private final FeatureBaseline baseline;
    private final Histogram histogram;
    private final SlidingWindow<NumericStats> window;

    NumericFeatureMonitor(String name, FeatureBaseline baseline, Duration length, int buckets, LongSupplier clock) {
        this.name = name;
        this.baseline = baseline;
        this.histogram = baseline.histogram();
        int bins = histogram == null ? 1 : histogram.fractions().size();
        this.window = new SlidingWindow<>(length, buckets, clock, () -> new NumericStats(bins));
    }

    /** Counts a value; NaN counts as missing. Returns the skew it shows, or null. */
    synchronized SkewKind add(double value) {
        if (Double.isNaN(value)) {
            window.current().addMissing();
            return SkewKind.MISSING;
        }
        window.current().add(value, histogram == null ? 0 : histogram.bin(value));
        boolean belowRange = baseline.min() != null && value < baseline.min();
        boolean aboveRange = baseline.max() != null && value > baseline.max();
        return belowRange || aboveRange ? SkewKind.OUT_OF_RANGE : null;
    }

    synchronized void addMissing(long rows) {
        NumericStats current = window.current();
        for (long i = 0; i < rows; i++) {
            current.addMissing();
        }
    }

    FeatureReport report(DriftThresholds thresholds) {
        NumericStats merged = snapshot();
        long count = merged.count();
        boolean judged = count >= Math.max(1, thresholds.minSamples());
        if (histogram == null) {
            return new FeatureReport(name, "numeric", count, merged.missing(), finite(merged.mean()),
                    finite(Math.sqrt(merged.variance())), finite(merged.min()), finite(merged.max()), null, null,
                    null, null, null, judged, Map.of());
        }
        double[] serving = merged.fractions();
        double[] trained = DriftDistances.toArray(histogram.fractions());
        Double psi = count == 0 ? null : DriftDistances.populationStabilityIndex(serving, trained);
        Double js = count == 0 ? null : DriftDistances.jensenShannonDistance(serving, trained);
        Map<String, Boolean> breached = new LinkedHashMap<>();
        breached.put(DriftMetric.PSI.label(), judged && psi > thresholds.psi());
        breached.put(DriftMetric.JS_DISTANCE.label(), judged && js > thresholds.jsDistance());
        return new FeatureReport(name, "numeric", count, merged.missing(), finite(merged.mean()),
                finite(Math.sqrt(merged.variance())), finite(merged.min()), finite(merged.max()),
                new FeatureReport.HistogramReport(histogram.boundaries(), boxed(serving), histogram.fractions()),
                null, psi, js, null, judged, breached);
    }

    private synchronized NumericStats snapshot() {
        NumericStats merged = new NumericStats(histogram == null ? 1 : histogram.fractions().size());
        window.live().forEach(merged::merge);
        return merged;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
