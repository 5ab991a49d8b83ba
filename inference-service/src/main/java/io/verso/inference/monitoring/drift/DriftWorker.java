package io.verso.inference.monitoring.drift;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.model.TensorValue;
import io.verso.inference.monitoring.BoundedHandoff;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes drift work off the request path: the inference or batch thread that finished a call only offers its
 * inputs to a bounded queue (constant time, never blocking); one worker thread feeds them to the
 * {@link DriftMonitor}. When the worker falls behind and the queue is full, the observation is dropped and counted
 * in {@code verso_drift_dropped_total}: drift is a statistic, and a sample of the traffic measures it as well.
 * The worker also forgets versions that left the pod, every {@code retainEvery}.
 */
public final class DriftWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DriftWorker.class);

    private record Observation(String model, long version, Map<String, TensorValue> inputs) {
    }

    private final DriftMonitor monitor;
    private final BoundedHandoff<Observation> queue;
    private final Counter dropped;
    private final BiPredicate<String, Long> live;
    private final long retainEveryNanos;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param capacity  requests waiting for the worker
     * @param maxValues tensor values of the waiting requests together
     * @param live      whether a model version is still held by the pod
     */
    public DriftWorker(DriftMonitor monitor, int capacity, long maxValues, MeterRegistry meters,
                       BiPredicate<String, Long> live, Duration retainEvery) {
        this.monitor = monitor;
        this.queue = new BoundedHandoff<>(capacity, maxValues);
        this.dropped = Counter.builder("verso.drift.dropped")
                .description("Requests left out of drift statistics because the drift worker was behind")
                .register(meters);
        this.live = live;
        this.retainEveryNanos = retainEvery.toNanos();
        this.thread = new Thread(this::run, "drift-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one request's inputs; drops and counts them when the queue is full. */
    public void offer(String model, long version, Map<String, TensorValue> inputs) {
        if (!queue.offer(new Observation(model, version, inputs), BoundedHandoff.valuesOf(inputs))) {
            dropped.increment();
        }
    }

    /** Requests waiting for the worker. */
    int backlog() {
        return queue.size();
    }

    private void run() {
        long lastRetain = System.nanoTime();
        while (running) {
            try {
                Observation next = queue.poll(1, TimeUnit.SECONDS);
                if (next != null) {
                    monitor.observe(next.model(), next.version(), next.inputs());
                }
                if (System.nanoTime() - lastRetain > retainEveryNanos) {
                    monitor.retain(live);
                    lastRetain = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // One malformed request must not stop monitoring for all the others.
                log.warn("Drift statistics skipped a request: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
