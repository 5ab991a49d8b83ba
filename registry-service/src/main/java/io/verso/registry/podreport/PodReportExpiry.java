package io.verso.registry.podreport;

import io.verso.registry.replica.ExclusiveJobs;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sweeps every kind of pod report ({@link PodReportIntake}) four times per its time-to-live. Queries already
 * ignore expired reports; the sweep exists so that a pod that dies silently wakes the long-polls that depend on it,
 * not only the next poll, and so that tables hold live pods only. With several replicas one sweeps a kind at a
 * time ({@link ExclusiveJobs}), so a departure is announced once.
 */
@Component
class PodReportExpiry {

    private static final Logger log = LoggerFactory.getLogger(PodReportExpiry.class);

    private final List<PodReportIntake> stores;
    private final ExclusiveJobs jobs;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "pod-report-expiry");
        thread.setDaemon(true);
        return thread;
    });

    PodReportExpiry(List<PodReportIntake> stores, ExclusiveJobs jobs, Clock clock) {
        this.stores = stores;
        this.jobs = jobs;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        for (PodReportIntake store : stores) {
            long period = Math.max(100, store.ttl().toMillis() / 4);
            scheduler.scheduleWithFixedDelay(() -> sweep(store), period, period, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep(PodReportIntake store) {
        try {
            Integer expired = jobs.runAlone("expiry." + store.name(), () -> store.expire(clock.instant()));
            if (expired != null && expired > 0) {
                log.info("{} expired {} report(s)", store.name(), expired);
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping {} failed; it runs again shortly", store.name(), e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
