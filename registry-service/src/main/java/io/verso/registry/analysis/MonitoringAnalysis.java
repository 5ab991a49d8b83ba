package io.verso.registry.analysis;

import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import io.verso.registry.error.RegistryException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each pod's latest monitoring summaries and adds them up per version. A report replaces everything the pod
 * sent before (a version it stopped serving drops out), and the same write deletes every expired summary, so the
 * table holds at most one row per live pod and version without a sweeper.
 */
@Service
public class MonitoringAnalysis {

    private static final Pattern POD_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,252}$");

    private final StoredSummaryRepository summaries;
    private final ModelService models;
    private final AnalysisSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    MonitoringAnalysis(StoredSummaryRepository summaries, ModelService models, AnalysisSettings settings,
                       JsonMapper json, Clock clock) {
        this.summaries = summaries;
        this.models = models;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Records a pod's report; returns when its summaries expire. */
    @Transactional
    public Instant report(PodMonitoringReport report) {
        validate(report);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.summaryTtl());
        summaries.deleteOfPodOrExpired(report.podId(), now);
        summaries.flush();
        for (MonitoringSummary summary : report.summaries()) {
            summaries.save(new StoredSummary(report.podId(), summary.model(), summary.version(),
                    json.writeValueAsString(summary), now, expiresAt));
        }
        return expiresAt;
    }

    /** The version's live summaries added up; 404 for an unknown model or version. */
    @Transactional(readOnly = true)
    public VersionMonitoring version(String modelName, long number) {
        Model model = models.requireModel(modelName);
        models.requireVersion(model, number);
        List<SummaryAggregation.Reported> live = summaries
                .findByModelAndVersionAndExpiresAtAfterOrderByPodId(modelName, number, clock.instant()).stream()
                .map(s -> new SummaryAggregation.Reported(json.readValue(s.getSummaryJson(), MonitoringSummary.class),
                        s.getReportedAt()))
                .toList();
        return SummaryAggregation.of(modelName, number, live);
    }

    private static void validate(PodMonitoringReport report) {
        if (report.podId() == null || !POD_ID.matcher(report.podId()).matches()) {
            throw RegistryException.invalid("podId", "podId must be 1–253 letters, digits, '.', '_', ':' or '-', "
                    + "but was '" + report.podId() + "'");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < report.summaries().size(); i++) {
            MonitoringSummary summary = report.summaries().get(i);
            String at = "summaries[" + i + "]";
            if (summary == null) {
                throw RegistryException.invalid(at, at + " is null");
            }
            if (summary.model() == null || summary.model().isBlank()) {
                throw RegistryException.invalid(at + ".model", at + ".model is required");
            }
            if (summary.version() <= 0) {
                throw RegistryException.invalid(at + ".version", at + ".version must be positive, but was "
                        + summary.version());
            }
            if (summary.requests() < 0 || summary.errors() < 0 || summary.errors() > summary.requests()) {
                throw RegistryException.invalid(at + ".errors", at + ".requests and .errors must not be negative "
                        + "and errors must not exceed requests, but were " + summary.requests() + " and "
                        + summary.errors());
            }
            if (summary.feedbackCount() != null && summary.feedbackCount() < 0) {
                throw RegistryException.invalid(at + ".feedbackCount", at + ".feedbackCount must not be negative");
            }
            if (!seen.add(summary.model() + "\u0000" + summary.version())) {
                throw RegistryException.invalid(at, at + " repeats model '" + summary.model() + "' version "
                        + summary.version());
            }
        }
    }
}
