package io.verso.inference.monitoring.drift;

/**
 * Statistics of a numeric feature's values: count, Welford's running mean and sum of squared deviations, range,
 * missing (absent or NaN) values, and counts in the baseline histogram's bins. Two of them merge exactly (Chan et
 * al.'s parallel variance), which is how a window's buckets combine.
 */
final class NumericStats {

    private long count;
    private double mean;
    private double squaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long missing;
    private final long[] bins;

    NumericStats(int bins) {
        this.bins = new long[bins];
    }

    void add(double value, int bin) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        squaredDeviations += delta * (value - mean);
        min = Math.min(min, value);
        max = Math.max(max, value);
        bins[bin]++;
    }

    void addMissing() {
        missing++;
    }

    void merge(NumericStats other) {
        if (other.count > 0) {
            long total = count + other.count;
            double delta = other.mean - mean;
            squaredDeviations += other.squaredDeviations + delta * delta * count * other.count / total;
            mean += delta * other.count / total;
            count = total;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            for (int i = 0; i < bins.length; i++) {
                bins[i] += other.bins[i];
            }
        }
        missing += other.missing;
    }

    /** Values counted (NaN and absent values are not: see {@link #missing()}). */
    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? Double.NaN : mean;
    }

    /** Population variance (divides by {@code count}, as the baseline's {@code stddev} is taken). */
    double variance() {
        return count == 0 ? Double.NaN : squaredDeviations / count;
    }

    double min() {
        return count == 0 ? Double.NaN : min;
    }

    double max() {
        return count == 0 ? Double.NaN : max;
    }

    long missing() {
        return missing;
    }

    /** The share of counted values in each bin; all 0 before any value. */
    double[] fractions() {
        double[] fractions = new double[bins.length];
        for (int i = 0; i < bins.length && count > 0; i++) {
            fractions[i] = (double) bins[i] / count;
        }
        return fractions;
    }
}
