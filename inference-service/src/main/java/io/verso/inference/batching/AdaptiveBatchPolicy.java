package io.verso.inference.batching;

import io.verso.inference.model.BatchingOptions;
import java.time.Duration;
import java.util.Arrays;

/**
 * The batch size and timeout a scheduler uses now. Fixed mode returns the configured values. Adaptive mode tunes
 * them online against a latency target with additive increase / multiplicative decrease on the batch's execution
 * time, as Clipper does: every window of batches, if the p99 execution time exceeded the target both shrink by a
 * fifth; if it stayed under 80% of the target both grow by a sixteenth of their configured maximum. Execution time,
 * not queueing plus execution, is the signal: under overload queueing grows whatever the batch size, and shrinking
 * batches then would only lower throughput and lengthen the queue further (the first version of this policy did
 * exactly that, see docs/benchmarks.md).
 */
final class AdaptiveBatchPolicy {

    static final int WINDOW = 32;
    private static final double DECREASE = 0.8;
    private static final double HEADROOM = 0.8;

    private final BatchingOptions options;
    private final long[] window = new long[WINDOW];
    private int recorded;
    private volatile int maxBatchSize;
    private volatile long timeoutNanos;

    AdaptiveBatchPolicy(BatchingOptions options) {
        this.options = options;
        this.maxBatchSize = options.adaptive() ? Math.max(1, options.maxBatchSize() / 4) : options.maxBatchSize();
        this.timeoutNanos = options.adaptive() ? options.batchTimeout().toNanos() / 4 : options.batchTimeout().toNanos();
    }

    int maxBatchSize() {
        return maxBatchSize;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    /** Records one batch's execution time; adjusts at the end of each window. */
    synchronized void record(long executionNanos) {
        if (!options.adaptive()) {
            return;
        }
        window[recorded++] = executionNanos;
        if (recorded < WINDOW) {
            return;
        }
        recorded = 0;
        long[] sorted = window.clone();
        Arrays.sort(sorted);
        long p99 = sorted[(int) Math.ceil(0.99 * WINDOW) - 1];
        long target = options.latencyTarget().toNanos();
        long maxTimeout = options.batchTimeout().toNanos();
        if (p99 > target) {
            maxBatchSize = Math.max(1, (int) (maxBatchSize * DECREASE));
            timeoutNanos = (long) (timeoutNanos * DECREASE);
        } else if (p99 < target * HEADROOM) {
            maxBatchSize = Math.min(options.maxBatchSize(), maxBatchSize + Math.max(1, options.maxBatchSize() / 16));
            timeoutNanos = Math.min(maxTimeout, timeoutNanos + Math.max(1, maxTimeout / 16));
        }
    }
}
