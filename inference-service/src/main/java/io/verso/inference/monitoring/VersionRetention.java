package io.verso.inference.monitoring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has per-version monitoring state drop the versions the pod no longer holds, every {@code period}, on a daemon
 * thread of its own: a version unloaded for good must not leave windows in memory or gauges that keep reporting its
 * last value as if it were live.
 */
public final class VersionRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VersionRetention.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "version-retention");
        thread.setDaemon(true);
        return thread;
    });

    private VersionRetention(Duration period, Runnable retain) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                retain.run();
            } catch (RuntimeException e) {
                log.warn("Dropping monitoring state of unloaded versions failed; trying again in {}: {}", period,
                        e.toString());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static VersionRetention every(Duration period, Runnable retain) {
        return new VersionRetention(period, retain);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
