package io.verso.contracts;

import java.util.List;

/**
 * Fixed bins over a numeric feature. {@code n} ascending {@code boundaries} cut the real line into {@code n + 1}
 * bins: {@code (-inf, b0)}, {@code [b0, b1)}, ..., {@code [b(n-1), +inf)}; the open-ended outer bins catch serving
 * values outside the training range instead of dropping them. {@code fractions[i]} is the share of training values
 * in bin {@code i}; they sum to 1.
 *
 * <p>Example (boundaries 1, 2): values 0.5, 1.5, 1.7, 2.5 → fractions 0.25, 0.5, 0.25.
 *
 * @param boundaries strictly ascending, finite, at least one
 * @param fractions  one more than the boundaries, each 0–1, summing to 1 (within 1e-6)
 */
public record Histogram(List<Double> boundaries, List<Double> fractions) {

    private static final double SUM_TOLERANCE = 1e-6;

    public Histogram {
        boundaries = List.copyOf(boundaries);
        fractions = List.copyOf(fractions);
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("histogram.boundaries must hold at least one value");
        }
        for (int i = 0; i < boundaries.size(); i++) {
            double b = boundaries.get(i);
            if (!Double.isFinite(b) || (i > 0 && b <= boundaries.get(i - 1))) {
                throw new IllegalArgumentException("histogram.boundaries must be finite and strictly ascending");
            }
        }
        if (fractions.size() != boundaries.size() + 1) {
            throw new IllegalArgumentException("histogram.fractions must hold one value more than boundaries ("
                    + (boundaries.size() + 1) + "), got " + fractions.size());
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("histogram.fractions must each be between 0 and 1");
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("histogram.fractions must sum to 1, got " + sum);
        }
    }

    /** The bin a value falls in, 0 to {@code boundaries.size()}; NaN has no bin and callers count it as missing. */
    public int bin(double value) {
        int low = 0;
        int high = boundaries.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (value >= boundaries.get(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
