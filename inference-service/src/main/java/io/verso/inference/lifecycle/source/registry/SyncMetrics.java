package io.verso.inference.lifecycle.source.registry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How the pod keeps up with the registry: when it last synced (and so how far behind it may be), and what artifact
 * downloads cost. Versions by state are exported by the manager's status, not here.
 */
final class SyncMetrics {

    private final Clock clock;
    private final AtomicLong lastSuccessMillis = new AtomicLong();
    private final Counter downloadedBytes;
    private final Timer downloadsOk;
    private final Timer downloadsFailed;

    SyncMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        Gauge.builder("verso.sync.last.success", lastSuccessMillis, v -> v.get() / 1000.0)
                .description("When the desired state was last read from the registry (epoch seconds)")
                .baseUnit("seconds").register(registry);
        Gauge.builder("verso.sync.lag", this, SyncMetrics::lagSeconds)
                .description("Seconds since the desired state was last read from the registry")
                .baseUnit("seconds").register(registry);
        downloadedBytes = Counter.builder("verso.sync.download.bytes").baseUnit("bytes")
                .description("Artifact bytes downloaded").register(registry);
        downloadsOk = Timer.builder("verso.sync.downloads").tag("outcome", "success").register(registry);
        downloadsFailed = Timer.builder("verso.sync.downloads").tag("outcome", "failure").register(registry);
    }

    void synced() {
        lastSuccessMillis.set(clock.millis());
    }

    /** Infinite until the first sync: a pod that never reached the registry is maximally behind. */
    double lagSeconds() {
        long last = lastSuccessMillis.get();
        return last == 0 ? Double.POSITIVE_INFINITY : (clock.millis() - last) / 1000.0;
    }

    void downloaded(long bytes, long nanos, boolean ok) {
        downloadedBytes.increment(bytes);
        (ok ? downloadsOk : downloadsFailed).record(nanos, TimeUnit.NANOSECONDS);
    }
}
