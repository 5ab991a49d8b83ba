package io.verso.registry.pipeline;

import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import io.verso.registry.model.ModelVersion;
import io.verso.registry.model.VersionRegistered;
import io.verso.registry.pipeline.PipelineStore.StoredPolicy;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Checks every version registered for a model with a pipeline policy against the stable version, in the
 * registration transaction, so the verdict exists exactly when the version does. A failed gate never fails the
 * registration: the version is stored, only its automatic rollout is refused, with the reasons recorded.
 */
@Component
class GateKeeper {

    private static final Logger log = LoggerFactory.getLogger(GateKeeper.class);

    private final PipelineStore store;
    private final ModelService models;
    private final DeploymentService deployments;
    private final ApplicationEventPublisher events;

    GateKeeper(PipelineStore store, ModelService models, DeploymentService deployments,
               ApplicationEventPublisher events) {
        this.store = store;
        this.models = models;
        this.deployments = deployments;
        this.events = events;
    }

    @EventListener
    void onVersionRegistered(VersionRegistered registered) {
        Optional<StoredPolicy> stored = store.findPolicy(registered.modelId());
        if (stored.isEmpty()) {
            return;
        }
        PipelinePolicy policy = stored.get().policy();
        Model model = models.requireModel(registered.model());
        VersionFacts candidate = facts(models.requireVersion(model, registered.version()));
        Long stableVersion = deployments.get(registered.model()).stableVersion();
        VersionFacts stable = stableVersion == null ? null : facts(models.requireVersion(model, stableVersion));
        List<GateCheck> checks = Gates.evaluate(policy, candidate, stable);
        boolean passed = Gates.allPassed(checks);
        store.saveEvaluation(registered.modelId(), registered.version(), stableVersion, passed, policy.autoRollout(),
                checks);
        log.info("Model {} version {} {} its gates against stable version {}: {}", registered.model(),
                registered.version(), passed ? "passed" : "failed", stableVersion, checks);
        if (passed && policy.autoRollout()) {
            VersionQualified qualified = new VersionQualified(registered.model(), registered.version(),
                    registered.actor());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // The version is committed: whatever its rollout does, the registration has succeeded.
                    try {
                        events.publishEvent(qualified);
                    } catch (RuntimeException e) {
                        log.error("Automatic rollout of model {} version {} failed", qualified.model(),
                                qualified.version(), e);
                    }
                }
            });
        }
    }

    private VersionFacts facts(ModelVersion version) {
        return new VersionFacts(version.getVersion(), models.metrics(version), models.signatures(version));
    }
}
