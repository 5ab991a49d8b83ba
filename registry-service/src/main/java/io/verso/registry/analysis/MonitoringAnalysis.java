package io.verso.registry.analysis;

import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.registry.error.RegistryException;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import io.verso.registry.podreport.ExpiringReports;
import io.verso.registry.podreport.PodReportIntake;
import io.verso.registry.podreport.ReportLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each pod's latest monitoring summaries and adds them up per version. A report replaces everything the pod
 * sent before (a version it stopped serving drops out); expired summaries stop counting at once and are swept
 * with every other expired pod report, so the table holds about one row per live pod and version.
 */
@Service
public class MonitoringAnalysis implements ExpiringReports {

    private final StoredSummaryRepository summaries;
    private final PodReportIntake intake;
    private final ModelService models;
    private final AnalysisSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    MonitoringAnalysis(StoredSummaryRepository summaries, PodReportIntake intake, ModelService models,
                       AnalysisSettings settings, JsonMapper json, Clock clock) {
        this.summaries = summaries;
        this.intake = intake;
        this.models = models;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Records a pod's report; returns when its summaries expire. */
    @Transactional
    public Instant report(PodMonitoringReport report) {
        ReportLease lease = intake.admit(report.podId(), settings.summaryTtl());
        check(report);
        summaries.deleteOfPod(report.podId());
        summaries.flush();
        for (MonitoringSummary summary : report.summaries()) {
            summaries.save(new StoredSummary(report.podId(), summary.model(), summary.version(),
                    json.writeValueAsString(summary), lease));
        }
        return lease.expiresAt();
    }

    /** The version's live summaries added up; NOT_FOUND for an unknown model or version. */
    @Transactional(readOnly = true)
    public VersionMonitoring version(String modelName, long number) {
        Model model = models.requireModel(modelName);
        models.requireVersion(model, number);
        List<SummaryAggregation.Reported> live = summaries
                .findByModelAndVersionAndLeaseExpiresAtAfterOrderByPodId(modelName, number, clock.instant()).stream()
                .map(s -> new SummaryAggregation.Reported(json.readValue(s.getSummaryJson(), MonitoringSummary.class),
                        s.getReportedAt()))
                .toList();
        return SummaryAggregation.of(modelName, number, live);
    }

    @Override
    public String name() {
        return "monitoring-summary";
    }

    @Override
    public Duration ttl() {
        return settings.summaryTtl();
    }

    /** Nothing derives state from stored summaries (they are read when asked), so there is no one to tell. */
    @Override
    @Transactional
    public int expire(Instant now) {
        return summaries.deleteExpired(now);
    }

    private static void check(PodMonitoringReport report) {
        Set<String> seen = new HashSet<>();
        PodReportIntake.checkEntries("summaries", report.summaries(), MonitoringSummary::model,
                MonitoringSummary::version, (at, summary) -> {
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
