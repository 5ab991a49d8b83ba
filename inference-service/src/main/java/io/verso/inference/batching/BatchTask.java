package io.verso.inference.batching;

import io.micrometer.tracing.Span;
import io.verso.inference.model.TensorValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One request waiting in a batch: its inputs, its row count, when it was queued, its caller's span (NOOP when not
 * sampled), and the future its caller waits on. The future completes with every output of the signature for this request's rows.
 */
final class BatchTask {

    final Map<String, TensorValue> inputs;
    final int rows;
    final long enqueuedNanos;
    final Span span;
    final CompletableFuture<Map<String, TensorValue>> result = new CompletableFuture<>();

    BatchTask(Map<String, TensorValue> inputs, int rows, Span span) {
        this.inputs = inputs;
        this.rows = rows;
        this.span = span;
        this.enqueuedNanos = System.nanoTime();
    }

    /** A caller that went away (cancelled its future) need not be computed. */
    boolean abandoned() {
        return result.isDone();
    }
}
