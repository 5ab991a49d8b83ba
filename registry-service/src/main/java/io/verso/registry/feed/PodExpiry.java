package io.verso.registry.feed;

import io.verso.registry.replica.ExclusiveJobs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sweeps expired pod reports four times per time-to-live. Queries already ignore expired pods; the sweep exists so
 * that a pod that dies silently wakes the routing table's long-polls, not only the next poll. With several
 * replicas one sweeps at a time ({@link ExclusiveJobs}), so a departure is announced once.
 */
@Component
class PodExpiry {

    private static final Logger log = LoggerFactory.getLogger(PodExpiry.class);

    private final PodStatusService pods;
    private final FeedSettings settings;
    private final ExclusiveJobs jobs;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pod-expiry");
        thread.setDaemon(true);
        return thread;
    });

    PodExpiry(PodStatusService pods, FeedSettings settings, ExclusiveJobs jobs) {
        this.pods = pods;
        this.settings = settings;
        this.jobs = jobs;
    }

    @PostConstruct
    void start() {
        long period = Math.max(100, settings.podTtl().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            jobs.runAlone("pod-expiry", pods::expire);
        } catch (RuntimeException e) {
            log.warn("Pod report sweep failed; it runs again shortly", e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
