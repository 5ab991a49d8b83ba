package io.verso.inference.monitoring;

import io.verso.inference.model.TensorValue;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands items from request threads to one worker thread, bounding both how many wait and how many tensor values
 * they hold together: one request may carry millions of values, so a count alone would not bound memory. Offering
 * never blocks; a full handoff refuses, and the caller counts the drop.
 */
public final class BoundedHandoff<T> {

    private record Weighted<T>(T item, long values) {
    }

    private final BlockingQueue<Weighted<T>> queue;
    private final long maxValues;
    private final AtomicLong values = new AtomicLong();

    public BoundedHandoff(int capacity, long maxValues) {
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.maxValues = maxValues;
    }

    /** The values of all tensors of {@code tensors} (none when null). */
    public static long valuesOf(Map<String, TensorValue> tensors) {
        long count = 0;
        if (tensors != null) {
            for (TensorValue tensor : tensors.values()) {
                count += tensor.elementCount();
            }
        }
        return count;
    }

    /** @return false, keeping nothing, when the item would exceed the count or the values allowed */
    public boolean offer(T item, long itemValues) {
        if (values.addAndGet(itemValues) > maxValues) {
            values.addAndGet(-itemValues);
            return false;
        }
        if (!queue.offer(new Weighted<>(item, itemValues))) {
            values.addAndGet(-itemValues);
            return false;
        }
        return true;
    }

    /** The next item, or null when none came within the timeout. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        Weighted<T> next = queue.poll(timeout, unit);
        if (next == null) {
            return null;
        }
        values.addAndGet(-next.values());
        return next.item();
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Tensor values held by the waiting items. */
    public long values() {
        return values.get();
    }
}
