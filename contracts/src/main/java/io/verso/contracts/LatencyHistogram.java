package io.verso.contracts;

import java.util.ArrayList;
import java.util.List;

/**
 * Request latencies counted in fixed buckets that every pod shares, so that the registry can add pods' histograms
 * and take percentiles of the sum (percentiles themselves do not add). Bucket {@code i} counts latencies up to
 * {@link #BOUNDS_MS}{@code [i]} milliseconds (and above the previous bound); the last bucket counts the rest.
 *
 * @param counts one count per bucket: {@code BOUNDS_MS.size() + 1} of them
 */
public record LatencyHistogram(List<Long> counts) {

    /** Upper bounds of the buckets in milliseconds. */
    public static final List<Double> BOUNDS_MS = List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0,
            1_000.0, 2_000.0, 5_000.0, 10_000.0);

    public LatencyHistogram {
        counts = List.copyOf(counts);
        if (counts.size() != BOUNDS_MS.size() + 1) {
            throw new IllegalArgumentException("latency.counts must hold " + (BOUNDS_MS.size() + 1)
                    + " buckets, got " + counts.size());
        }
        if (counts.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("latency.counts must not be negative");
        }
    }

    /** The bucket a latency falls in. */
    public static int bucket(double millis) {
        int i = 0;
        while (i < BOUNDS_MS.size() && millis > BOUNDS_MS.get(i)) {
            i++;
        }
        return i;
    }

    public static LatencyHistogram empty() {
        return new LatencyHistogram(new ArrayList<>(java.util.Collections.nCopies(BOUNDS_MS.size() + 1, 0L)));
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }

    public LatencyHistogram plus(LatencyHistogram other) {
        List<Long> sum = new ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            sum.add(counts.get(i) + other.counts.get(i));
        }
        return new LatencyHistogram(sum);
    }

    /**
     * The upper bound of the bucket holding the {@code q}-quantile (0–1): a latency at least that many requests
     * stayed under. Null without requests; {@code +Infinity} is never returned: the open last bucket answers its
     * lower bound, the largest finite bound.
     */
    public Double quantileMs(double q) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BOUNDS_MS.size(); i++) {
            seen += counts.get(i);
            if (seen >= Math.max(1, rank)) {
                return BOUNDS_MS.get(i);
            }
        }
        return BOUNDS_MS.get(BOUNDS_MS.size() - 1);
    }
}
