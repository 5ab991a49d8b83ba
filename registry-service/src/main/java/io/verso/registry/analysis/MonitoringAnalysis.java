package io.verso.registry.analysis;

import io.verso.contracts.MonitoringSummary;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Adds up the live monitoring summaries of a version across the pods that sent them ({@link MonitoringIntake}). */
@Service
public class MonitoringAnalysis {

    private final StoredSummaryRepository summaries;
    private final ModelService models;
    private final JsonMapper json;
    private final Clock clock;

    MonitoringAnalysis(StoredSummaryRepository summaries, ModelService models, JsonMapper json, Clock clock) {
        this.summaries = summaries;
        this.models = models;
        this.json = json;
        this.clock = clock;
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
}
