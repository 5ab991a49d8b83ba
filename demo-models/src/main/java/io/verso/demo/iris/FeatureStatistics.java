package io.verso.demo.iris;

import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's baseline of one numeric feature over the training rows: moments, range, quantiles and a histogram of
 * {@link #BINS} equal-width bins between the training minimum and maximum (so its {@code BINS - 1} inner boundaries
 * are the histogram's boundaries; the open-ended outer bins hold serving values outside the training range).
 */
final class FeatureStatistics {

    static final int BINS = 10;
    /** Quantile name → probability, named as the registry's drift checks read them. */
    static final Map<String, Double> QUANTILES = Map.of("p01", 0.01, "p25", 0.25, "p50", 0.50, "p75", 0.75, "p99", 0.99);

    private FeatureStatistics() {
    }

    /**
     * @param values every training value of the feature (Iris has none missing)
     * @return population moments (the standard deviation divides by n, as the model's standardisation does)
     */
    static FeatureBaseline of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(values).average().orElseThrow();
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        Map<String, Double> quantiles = new HashMap<>();
        QUANTILES.forEach((name, p) -> quantiles.put(name, quantile(sorted, p)));
        return new FeatureBaseline((long) values.length, mean, Math.sqrt(variance), sorted[0],
                sorted[sorted.length - 1], 0.0, quantiles, null, histogram(sorted));
    }

    /** Linear interpolation between the two nearest ranks (numpy's default, R's type 7). */
    static double quantile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static Histogram histogram(double[] sorted) {
        double min = sorted[0];
        double width = (sorted[sorted.length - 1] - min) / BINS;
        List<Double> boundaries = new ArrayList<>();
        for (int i = 1; i < BINS; i++) {
            boundaries.add(min + i * width);
        }
        // Histogram.bin is the one definition of which bin a value falls in, shared with the drift checks.
        Histogram shape = new Histogram(boundaries, Collections.nCopies(BINS, 1.0 / BINS));
        long[] counts = new long[BINS];
        for (double value : sorted) {
            counts[shape.bin(value)]++;
        }
        List<Double> fractions = Arrays.stream(counts).mapToObj(c -> (double) c / sorted.length).toList();
        return new Histogram(boundaries, fractions);
    }
}
