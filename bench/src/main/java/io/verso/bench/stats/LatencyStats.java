package io.verso.bench.stats;

import org.HdrHistogram.Histogram;

/**
 * The latency summary of one measured phase, in milliseconds. Values are recorded in microseconds, so
 * sub-millisecond in-process calls keep their resolution.
 *
 * @param count values recorded
 * @param p50Ms median
 * @param p99Ms 99th percentile
 * @param maxMs largest value
 */
public record LatencyStats(long count, double p50Ms, double p99Ms, double maxMs) {

    public static final LatencyStats EMPTY = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN);

    /** Summarises a histogram of microsecond values; an empty histogram gives NaN percentiles, never zeros. */
    public static LatencyStats fromMicros(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(micros.getTotalCount(),
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** A histogram sized for latencies from 1 µs to an hour with 3 significant digits (0.1% error). */
    public static Histogram newMicrosHistogram() {
        return new Histogram(3_600_000_000L, 3);
    }
}
