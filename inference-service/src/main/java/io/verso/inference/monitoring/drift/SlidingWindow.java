package io.verso.inference.monitoring.drift;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A window of the last {@code length} of time as a ring of {@code buckets} equal time buckets: values go to the
 * bucket of the current time, a bucket whose time has passed is reset before reuse, and a read merges the buckets
 * still inside the window. Memory is fixed ({@code buckets} accumulators) whatever the traffic; the window slides
 * by one bucket at a time, so it covers between {@code length - length/buckets} and {@code length} of history.
 *
 * <p>Not thread-safe: the owner synchronises.
 */
public final class SlidingWindow<B> {

    private final long bucketMillis;
    private final LongSupplier clockMillis;
    private final Supplier<B> newBucket;
    private final List<B> slots;
    private final long[] slotIndex;

    public SlidingWindow(Duration length, int buckets, LongSupplier clockMillis, Supplier<B> newBucket) {
        if (buckets < 1 || length.toMillis() < buckets) {
            throw new IllegalArgumentException("a window needs at least one bucket of at least 1 ms");
        }
        this.bucketMillis = length.toMillis() / buckets;
        this.clockMillis = clockMillis;
        this.newBucket = newBucket;
        this.slots = new ArrayList<>(buckets);
        this.slotIndex = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            slots.add(newBucket.get());
            slotIndex[i] = Long.MIN_VALUE;
        }
    }

    /** The bucket of the current time, fresh if its slot last held an older bucket. */
    public B current() {
        long index = clockMillis.getAsLong() / bucketMillis;
        int slot = (int) Math.floorMod(index, (long) slots.size());
        if (slotIndex[slot] != index) {
            slots.set(slot, newBucket.get());
            slotIndex[slot] = index;
        }
        return slots.get(slot);
    }

    /** The buckets inside the window now, oldest first. */
    public List<B> live() {
        long now = clockMillis.getAsLong() / bucketMillis;
        List<B> live = new ArrayList<>();
        for (long index = now - slots.size() + 1; index <= now; index++) {
            int slot = (int) Math.floorMod(index, (long) slots.size());
            if (slotIndex[slot] == index) {
                live.add(slots.get(slot));
            }
        }
        return live;
    }

    /** The span the window covers. */
    public Duration length() {
        return Duration.ofMillis(bucketMillis * slots.size());
    }
}
