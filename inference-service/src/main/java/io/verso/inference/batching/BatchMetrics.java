package io.verso.inference.batching;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/**
 * The meters of one batch scheduler, tagged model, version and signature: batch sizes (rows, before padding),
 * queueing delay and execution time per batch, queue depth in rows, rejected requests, and the current batch size
 * and timeout (which move in adaptive mode).
 */
final class BatchMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    private final DistributionSummary batchSize;
    private final Timer queueDelay;
    private final Timer execution;
    private final Counter rejected;

    BatchMetrics(MeterRegistry registry, String model, long version, String signature) {
        this.registry = registry;
        this.tags = Tags.of("model", model, "version", Long.toString(version), "signature", signature);
        this.batchSize = DistributionSummary.builder("verso.batch.size").description("Rows per executed batch")
                .baseUnit("rows").publishPercentileHistogram().tags(tags).register(registry);
        this.queueDelay = Timer.builder("verso.batch.queue.delay").description("Time requests wait for their batch")
                .publishPercentileHistogram().tags(tags).register(registry);
        this.execution = Timer.builder("verso.batch.execution").description("Time to run one batch")
                .publishPercentileHistogram().tags(tags).register(registry);
        this.rejected = Counter.builder("verso.batch.rejected").description("Requests refused because the queue was full")
                .tags(tags).register(registry);
    }

    void gauges(Supplier<Number> queuedRows, Supplier<Number> maxBatchSize, Supplier<Number> timeoutSeconds) {
        Gauge.builder("verso.batch.queue.depth", queuedRows).description("Rows waiting to be batched")
                .baseUnit("rows").tags(tags).register(registry);
        Gauge.builder("verso.batch.max.size", maxBatchSize).description("Current largest batch (adaptive mode tunes it)")
                .baseUnit("rows").tags(tags).register(registry);
        Gauge.builder("verso.batch.timeout", timeoutSeconds).description("Current batch timeout (adaptive mode tunes it)")
                .baseUnit("seconds").tags(tags).register(registry);
    }

    void batch(int rows, long executionNanos) {
        batchSize.record(rows);
        execution.record(executionNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void queued(long delayNanos) {
        queueDelay.record(delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void rejected() {
        rejected.increment();
    }

    /** Removes this scheduler's meters when its version unloads, so dead versions do not linger in scrapes. */
    void remove() {
        registry.getMeters().stream().filter(m -> m.getId().getTags().containsAll(tags.stream().toList())
                        && m.getId().getName().startsWith("verso.batch."))
                .forEach(registry::remove);
    }
}
