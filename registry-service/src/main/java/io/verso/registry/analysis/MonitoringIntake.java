package io.verso.registry.analysis;

import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.registry.error.RegistryException;
import io.verso.registry.podreport.PodReportIntake;
import io.verso.registry.podreport.ReportLease;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each pod's latest monitoring summaries. A report replaces everything the pod sent before (a version it
 * stopped serving drops out); expired summaries stop counting at once ({@link MonitoringAnalysis} reads live ones
 * only) and are swept with every other expired pod report, so the table holds about one row per live pod and
 * version.
 */
@Service
class MonitoringIntake extends PodReportIntake {

    private final StoredSummaryRepository summaries;
    private final JsonMapper json;

    MonitoringIntake(StoredSummaryRepository summaries, AnalysisSettings settings, Clock clock, JsonMapper json) {
        super(clock, settings.summaryTtl());
        this.summaries = summaries;
        this.json = json;
    }

    /** Records a pod's report; returns when its summaries expire. */
    @Transactional
    public Instant report(PodMonitoringReport report) {
        ReportLease lease = admit(report.podId());
        check(report);
        summaries.deleteOfPod(report.podId());
        summaries.flush();
        for (MonitoringSummary summary : report.summaries()) {
            summaries.save(new StoredSummary(report.podId(), summary.model(), summary.version(),
                    json.writeValueAsString(summary), lease));
        }
        return lease.expiresAt();
    }

    @Override
    public String name() {
        return "monitoring-summary";
    }

    /** Nothing derives state from stored summaries (they are read when asked), so there is no one to tell. */
    @Override
    @Transactional
    public int expire(Instant now) {
        return summaries.deleteExpired(now);
    }

    private static void check(PodMonitoringReport report) {
        Set<String> seen = new HashSet<>();
        checkEntries("summaries", report.summaries(), MonitoringSummary::model, MonitoringSummary::version,
                (at, summary) -> {
                    if (summary.requests() < 0 || summary.errors() < 0 || summary.errors() > summary.requests()) {
                        throw RegistryException.invalid(at + ".errors", at + ".requests and .errors must not be "
                                + "negative and errors must not exceed requests, but were " + summary.requests()
                                + " and " + summary.errors());
                    }
                    if (summary.feedbackCount() != null && summary.feedbackCount() < 0) {
                        throw RegistryException.invalid(at + ".feedbackCount", at + ".feedbackCount must not be "
                                + "negative");
                    }
                    if (!seen.add(summary.model() + "\u0000" + summary.version())) {
                        throw RegistryException.invalid(at, at + " repeats model '" + summary.model() + "' version "
                                + summary.version());
                    }
                });
    }
}
