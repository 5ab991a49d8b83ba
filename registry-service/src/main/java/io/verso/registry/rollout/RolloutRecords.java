package io.verso.registry.rollout;

import io.verso.registry.model.ModelService;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads a {@link Rollout} row's JSON columns, shared by the API and the evaluator. */
@Component
class RolloutRecords {

    private static final TypeReference<List<Integer>> WEIGHTS = new TypeReference<>() {
    };

    private final JsonMapper json;
    private final ModelService models;

    RolloutRecords(JsonMapper json, ModelService models) {
        this.json = json;
        this.models = models;
    }

    List<Integer> steps(Rollout r) {
        return json.readValue(r.getStepsJson(), WEIGHTS);
    }

    Thresholds thresholds(Rollout r) {
        return json.readValue(r.getThresholdsJson(), Thresholds.class);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    String modelName(Rollout r) {
        return models.names(List.of(r.getModelId())).get(r.getModelId());
    }

    RolloutView view(String model, Rollout r) {
        List<Integer> steps = steps(r);
        Evaluation last = r.getLastEvaluationJson() == null ? null
                : json.readValue(r.getLastEvaluationJson(), Evaluation.class);
        return new RolloutView(model, r.getVersion(), r.getPhase(), r.getStep(), steps.get(r.getStep()), steps,
                r.getMinStepInterval().toSeconds(), r.getMinStepRequests(), thresholds(r), r.getStepStartedAt(),
                r.getPhase() == RolloutPhase.RUNNING ? r.getNextEvaluationAt() : null, last, r.getOutcome(),
                r.getStartedBy(), r.getStartedAt(), r.getFinishedAt());
    }
}
