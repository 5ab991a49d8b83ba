package io.verso.inference.dataplane;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fixed pool of inference threads with a bounded queue. TensorFlow calls block, so they must not run on the
 * event loop; a full queue answers RESOURCE_EXHAUSTED at once instead of letting memory and latency grow without
 * bound under overload.
 */
public final class BoundedExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final int queueCapacity;

    public BoundedExecutor(int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads and queue capacity must be positive");
        }
        AtomicInteger counter = new AtomicInteger();
        this.queueCapacity = queueCapacity;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), r -> {
                    Thread thread = new Thread(r, "inference-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new InferenceException(ErrorCode.RESOURCE_EXHAUSTED,
                    "server overloaded: " + queueCapacity + " requests already queued"));
        }
    }

    public int queued() {
        return pool.getQueue().size();
    }

    public int active() {
        return pool.getActiveCount();
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
