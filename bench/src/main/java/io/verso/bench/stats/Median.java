package io.verso.bench.stats;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Medians of repeated measurements: the noisy shared machine makes one run's number unreliable, three less so. */
public final class Median {

    private Median() {
    }

    /** The median; for an even count the mean of the two middle values. NaN for no values. */
    public static double of(double... values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The element whose key is the median (the lower middle for an even count), so its other fields stay consistent. */
    public static <T> T element(List<T> items, ToDoubleFunction<T> key) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no items");
        }
        List<T> sorted = items.stream().sorted((a, b) -> Double.compare(key.applyAsDouble(a), key.applyAsDouble(b)))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
