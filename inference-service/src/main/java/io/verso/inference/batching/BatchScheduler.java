package io.verso.inference.batching;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.verso.inference.model.BatchingOptions;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.tracing.InferenceTracing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue and threads of one (model, version, signature). Requests join the newest open batch when their rows
 * fit and their row shapes match; otherwise a new batch opens, unless {@code maxEnqueuedBatches} are already
 * waiting, in which case the request is refused at once with RESOURCE_EXHAUSTED. Batch threads run the oldest
 * batch as soon as it is full or its first request has waited the timeout.
 *
 * <p>A failing batch fails exactly its requests, with the batch's error; a request whose caller has gone is left
 * out of the batch it waits in, and answering it later is a no-op.
 *
 * <p>Tracing: each sampled request gets a {@code verso.batch.wait} span for its time in the queue; a batch with a
 * sampled request gets a {@code verso.batch} span linked to all of them, in scope while the model runs.
 */
final class BatchScheduler implements AutoCloseable {

    private final Servable servable;
    private final SignatureSpec signature;
    private final BatchingOptions options;
    private final AdaptiveBatchPolicy policy;
    private final BatchMetrics metrics;
    private final InferenceTracing tracing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private final AtomicInteger queuedRows = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    BatchScheduler(Servable servable, SignatureSpec signature, BatchingOptions options, BatchMetrics metrics,
                   InferenceTracing tracing, String threadName) {
        this.servable = servable;
        this.signature = signature;
        this.options = options;
        this.policy = new AdaptiveBatchPolicy(options);
        this.metrics = metrics;
        this.tracing = tracing;
        metrics.gauges(queuedRows::get, policy::maxBatchSize, () -> policy.timeoutNanos() / 1e9);
        for (int i = 0; i < options.threads(); i++) {
            Thread thread = new Thread(this::runBatches, threadName + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * Queues {@code inputs} ({@code rows} rows, at most the configured maximum) for the caller whose span is in scope;
     * completes with all outputs.
     */
    CompletableFuture<Map<String, TensorValue>> submit(Map<String, TensorValue> inputs, int rows) {
        BatchTask task = new BatchTask(inputs, rows, tracing.current());
        String key = rowShapeKey(inputs);
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new InferenceException(ErrorCode.UNAVAILABLE,
                        "the version is unloading"));
            }
            Batch open = batches.peekLast();
            if (open == null || !open.accepts(key, rows)) {
                if (batches.size() >= options.maxEnqueuedBatches()) {
                    metrics.rejected();
                    return CompletableFuture.failedFuture(new InferenceException(ErrorCode.RESOURCE_EXHAUSTED,
                            "batch queue of signature '" + signature.key() + "' is full: "
                                    + options.maxEnqueuedBatches() + " batches waiting"));
                }
                open = new Batch(key, policy.maxBatchSize(), System.nanoTime() + policy.timeoutNanos());
                batches.addLast(open);
            }
            open.add(task);
            queuedRows.addAndGet(rows);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return task.result;
    }

    /** Requests with different row shapes cannot share a tensor, so they go to different batches. */
    private static String rowShapeKey(Map<String, TensorValue> inputs) {
        StringBuilder key = new StringBuilder();
        inputs.forEach((name, value) -> key.append(name).append(Arrays.toString(TensorBatches.rowShape(value))));
        return key.toString();
    }

    private void runBatches() {
        while (true) {
            Batch batch = nextBatch();
            if (batch == null) {
                return;
            }
            queuedRows.addAndGet(-batch.rows);
            execute(batch);
        }
    }

    /** Waits for a batch that is full, timed out, or left over at close; null once closed and drained. */
    private Batch nextBatch() {
        lock.lock();
        try {
            while (true) {
                Batch head = batches.peekFirst();
                if (head == null) {
                    if (closed) {
                        return null;
                    }
                    changed.await();
                    continue;
                }
                long wait = head.deadlineNanos - System.nanoTime();
                if (head.full() || wait <= 0 || closed) {
                    return batches.pollFirst();
                }
                changed.awaitNanos(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void execute(Batch batch) {
        List<BatchTask> live = batch.tasks.stream().filter(task -> !task.abandoned()).toList();
        if (live.isEmpty()) {
            return;
        }
        int rows = live.stream().mapToInt(task -> task.rows).sum();
        int padded = options.paddedSize(rows);
        long started = System.nanoTime();
        live.forEach(task -> {
            metrics.queued(started - task.enqueuedNanos);
            tracing.waited("verso.batch.wait", task.span, task.enqueuedNanos, started);
        });
        Span span = tracing.batch(live.stream().map(task -> task.span).toList(), rows, padded);
        try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
            Map<String, TensorValue> outputs = servable.run(signature, stack(live, padded), Set.of());
            long finished = System.nanoTime();
            metrics.batch(rows, finished - started);
            policy.record(finished - started);
            answer(live, outputs, padded);
        } catch (RuntimeException e) {
            span.error(e);
            live.forEach(task -> task.result.completeExceptionally(e));
        } finally {
            span.end();
        }
    }

    private Map<String, TensorValue> stack(List<BatchTask> tasks, int paddedRows) {
        Map<String, TensorValue> stacked = new LinkedHashMap<>();
        for (String input : signature.inputs().keySet()) {
            stacked.put(input, TensorBatches.concat(tasks.stream().map(t -> t.inputs.get(input)).toList(), paddedRows));
        }
        return stacked;
    }

    private void answer(List<BatchTask> tasks, Map<String, TensorValue> outputs, int paddedRows) {
        outputs.forEach((name, value) -> {
            if (value.rank() == 0 || value.dim(0) != paddedRows) {
                throw new InferenceException(ErrorCode.INTERNAL, "output '" + name + "' of batched signature '"
                        + signature.key() + "' has shape " + value + ", not one row per input row (" + paddedRows
                        + "); disable batching for this model");
            }
        });
        int offset = 0;
        for (BatchTask task : tasks) {
            Map<String, TensorValue> own = new LinkedHashMap<>();
            for (Map.Entry<String, TensorValue> output : outputs.entrySet()) {
                own.put(output.getKey(), TensorBatches.slice(output.getValue(), offset, offset + task.rows));
            }
            offset += task.rows;
            task.result.complete(own);
        }
    }

    /** Runs what is queued, then stops the threads. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.remove();
    }
}
