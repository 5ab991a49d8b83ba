package io.verso.registry.pipeline;

import io.verso.registry.error.RegistryException;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import io.verso.registry.pipeline.PipelineStore.StoredPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Pipeline policies and gate verdicts behind the API. */
@Service
class PipelineService {

    private static final Logger log = LoggerFactory.getLogger(PipelineService.class);

    private final PipelineStore store;
    private final ModelService models;

    PipelineService(PipelineStore store, ModelService models) {
        this.store = store;
        this.models = models;
    }

    @Transactional
    public PolicyView put(String modelName, PolicyRequest request, String actor) {
        Model model = models.requireModel(modelName);
        if (model.isArchived()) {
            throw RegistryException.conflict("model", "model '" + modelName + "' is archived");
        }
        store.savePolicy(model.getId(), request.toPolicy(), actor);
        log.info("Pipeline policy of model {} set by {}: {}", modelName, actor, request.toPolicy());
        return view(model);
    }

    @Transactional(readOnly = true)
    public PolicyView get(String modelName) {
        return view(models.requireModel(modelName));
    }

    @Transactional(readOnly = true)
    public GateEvaluationView gates(String modelName, long version) {
        Model model = models.requireModel(modelName);
        models.requireVersion(model, version);
        return store.findEvaluation(model.getId(), modelName, version).orElseThrow(() -> RegistryException.notFound(
                "version", "version " + version + " of model '" + modelName
                        + "' has no gate verdict: the model had no pipeline policy when it was registered"));
    }

    private PolicyView view(Model model) {
        StoredPolicy stored = store.findPolicy(model.getId()).orElseThrow(() -> RegistryException.notFound("model",
                "model '" + model.getName() + "' has no pipeline policy"));
        PipelinePolicy p = stored.policy();
        return new PolicyView(model.getName(), p.autoRollout(), p.accuracyMetric(), p.maxAccuracyDrop(),
                p.requireSchemaCompatible(), p.servingSignature(), p.canaryWeight(), stored.updatedBy(),
                stored.updatedAt());
    }
}
