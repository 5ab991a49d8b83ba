package io.verso.inference.model;

import java.time.Duration;
import java.util.List;

/**
 * How requests to one model are batched (TensorFlow Serving's batching parameters). Batching merges concurrent
 * requests into one TensorFlow call, trading a bounded queueing delay for throughput.
 *
 * @param maxBatchSize most rows in one call; larger requests are split and reassembled
 * @param batchTimeout longest a request waits for others to fill its batch
 * @param allowedBatchSizes sizes a batch is padded up to (ascending, the last equal to {@code maxBatchSize});
 *     empty for any size. Fixed sizes let TensorFlow reuse its compiled shapes, notably on GPUs.
 * @param maxEnqueuedBatches batches that may wait; when all are full new requests are refused with
 *     RESOURCE_EXHAUSTED, so memory and latency stay bounded under overload
 * @param threads threads that run batches of one signature
 * @param latencyTarget when set, the adaptive mode tunes batch size and timeout online to keep the p99 execution time
 *     of a batch under this target; {@code maxBatchSize} and {@code batchTimeout} become upper bounds
 */
public record BatchingOptions(int maxBatchSize, Duration batchTimeout, List<Integer> allowedBatchSizes,
                              int maxEnqueuedBatches, int threads, Duration latencyTarget) {

    public BatchingOptions {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("max batch size must be at least 1, was " + maxBatchSize);
        }
        if (batchTimeout == null || batchTimeout.isNegative()) {
            throw new IllegalArgumentException("batch timeout must be zero or positive");
        }
        allowedBatchSizes = List.copyOf(allowedBatchSizes == null ? List.of() : allowedBatchSizes);
        for (int i = 0; i < allowedBatchSizes.size(); i++) {
            int size = allowedBatchSizes.get(i);
            if (size < 1 || (i > 0 && size <= allowedBatchSizes.get(i - 1))) {
                throw new IllegalArgumentException("allowed batch sizes must be positive and ascending: "
                        + allowedBatchSizes);
            }
        }
        if (!allowedBatchSizes.isEmpty() && allowedBatchSizes.get(allowedBatchSizes.size() - 1) != maxBatchSize) {
            throw new IllegalArgumentException("the largest allowed batch size must equal max batch size "
                    + maxBatchSize + ": " + allowedBatchSizes);
        }
        if (maxEnqueuedBatches < 1 || threads < 1) {
            throw new IllegalArgumentException("max enqueued batches and threads must be at least 1");
        }
        if (latencyTarget != null && (latencyTarget.isZero() || latencyTarget.isNegative())) {
            throw new IllegalArgumentException("latency target must be positive");
        }
    }

    public boolean adaptive() {
        return latencyTarget != null;
    }

    /** The size a batch of {@code rows} is padded to: the smallest allowed size that holds it, or {@code rows}. */
    public int paddedSize(int rows) {
        for (int size : allowedBatchSizes) {
            if (size >= rows) {
                return size;
            }
        }
        return rows;
    }
}
