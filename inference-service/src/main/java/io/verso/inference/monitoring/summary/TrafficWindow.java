package io.verso.inference.monitoring.summary;

import io.verso.contracts.LatencyHistogram;
import io.verso.inference.monitoring.drift.SlidingWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One version's calls over a sliding window of time buckets (as drift statistics use): request and error counts
 * and latencies in {@link LatencyHistogram}'s shared buckets. Recording is constant work under a short lock, cheap
 * enough for the thread that finished the call.
 */
final class TrafficWindow {

    /** Totals of the window. */
    record Totals(long requests, long errors, LatencyHistogram latency) {
    }

    private static final class Bucket {
        long requests;
        long errors;
        final long[] latency = new long[LatencyHistogram.BOUNDS_MS.size() + 1];
    }

    private final SlidingWindow<Bucket> window;

    TrafficWindow(Duration length, int buckets, LongSupplier clockMillis) {
        this.window = new SlidingWindow<>(length, buckets, clockMillis, Bucket::new);
    }

    synchronized void record(boolean failed, long totalNanos) {
        Bucket bucket = window.current();
        bucket.requests++;
        if (failed) {
            bucket.errors++;
        }
        bucket.latency[LatencyHistogram.bucket(totalNanos / 1e6)]++;
    }

    synchronized Totals totals() {
        long requests = 0;
        long errors = 0;
        long[] latency = new long[LatencyHistogram.BOUNDS_MS.size() + 1];
        for (Bucket bucket : window.live()) {
            requests += bucket.requests;
            errors += bucket.errors;
            for (int i = 0; i < latency.length; i++) {
                latency[i] += bucket.latency[i];
            }
        }
        List<Long> counts = new ArrayList<>(latency.length);
        for (long count : latency) {
            counts.add(count);
        }
        return new Totals(requests, errors, new LatencyHistogram(counts));
    }

    Duration length() {
        return window.length();
    }
}
