package io.verso.inference.monitoring.summary;

import io.verso.contracts.PodMonitoringReport;
import io.verso.inference.monitoring.drift.DriftMonitor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the pod's monitoring summaries to the registry every {@code interval} on its own thread. A failed send is
 * logged and simply replaced by the next one: summaries are snapshots, not a log.
 */
public final class SummaryReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SummaryReporter.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "monitoring-summary");
        thread.setDaemon(true);
        return thread;
    });
    private final String podId;
    private final VersionTraffic traffic;
    private final DriftMonitor drift;
    private final QualitySource quality;
    private final Consumer<PodMonitoringReport> sender;

    public SummaryReporter(String podId, VersionTraffic traffic, DriftMonitor drift, QualitySource quality,
                           Consumer<PodMonitoringReport> sender) {
        this.podId = podId;
        this.traffic = traffic;
        this.drift = drift;
        this.quality = quality;
        this.sender = sender;
    }

    public SummaryReporter start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::send, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The report as it would be sent now. */
    public PodMonitoringReport report() {
        return new PodMonitoringReport(podId, traffic.summaries(drift, quality));
    }

    private void send() {
        try {
            sender.accept(report());
        } catch (RuntimeException e) {
            log.warn("Monitoring summary not sent: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
