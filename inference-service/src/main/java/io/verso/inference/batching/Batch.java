package io.verso.inference.batching;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests gathered for one TensorFlow call. All share the same row shape per input (the {@code key}), so they
 * stack; the batch is run when it is full or its first request has waited the timeout.
 */
final class Batch {

    final String key;
    final int capacity;
    final long deadlineNanos;
    final List<BatchTask> tasks = new ArrayList<>();
    int rows;

    Batch(String key, int capacity, long deadlineNanos) {
        this.key = key;
        this.capacity = capacity;
        this.deadlineNanos = deadlineNanos;
    }

    /** An empty batch takes any task (requests are split to the hard maximum before they get here). */
    boolean accepts(String taskKey, int taskRows) {
        return tasks.isEmpty() || (key.equals(taskKey) && rows + taskRows <= capacity);
    }

    void add(BatchTask task) {
        tasks.add(task);
        rows += task.rows;
    }

    boolean full() {
        return rows >= capacity;
    }
}
