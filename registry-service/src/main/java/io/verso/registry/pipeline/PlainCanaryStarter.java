package io.verso.registry.pipeline;

import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.DeploymentView;
import io.verso.registry.deployment.Transition;
import io.verso.registry.deployment.TransitionContext;
import io.verso.registry.model.ModelService;
import io.verso.registry.web.RegistryException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a plain canary at the policy's weight for a qualified version, through the ordinary CANARY transition, so
 * it is audited like an operator's: the actor is the token that registered the version, the reason names the gates
 * passed. Like an operator's CANARY, it replaces a canary that is still running: the newer qualified version is the
 * one worth trying. A progressive rollout can take this listener's place by listening to {@link VersionQualified}.
 * What happened (started, or why not) is written to the version's gate verdict.
 */
@Component
class PlainCanaryStarter {

    private static final Logger log = LoggerFactory.getLogger(PlainCanaryStarter.class);

    private final PipelineStore store;
    private final ModelService models;
    private final DeploymentService deployments;
    /** After commit, Spring requires a new transaction for any further writes. */
    private final TransactionTemplate newTransaction;

    PlainCanaryStarter(PipelineStore store, ModelService models, DeploymentService deployments,
                       PlatformTransactionManager transactionManager) {
        this.store = store;
        this.models = models;
        this.deployments = deployments;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void onQualified(VersionQualified qualified) {
        long modelId = newTransaction.execute(s -> models.requireModel(qualified.model()).getId());
        try {
            newTransaction.executeWithoutResult(s -> start(modelId, qualified));
        } catch (RegistryException e) {
            log.warn("Automatic canary of model {} version {} not started: {}", qualified.model(), qualified.version(),
                    e.getMessage());
            newTransaction.executeWithoutResult(s -> store.recordRollout(modelId, qualified.version(),
                    "canary not started: " + e.getMessage()));
        }
    }

    private void start(long modelId, VersionQualified qualified) {
        PipelinePolicy policy = store.findPolicy(modelId).orElseThrow(() -> RegistryException.conflict("policy",
                "the pipeline policy was removed")).policy();
        GateEvaluationView verdict = store.findEvaluation(modelId, qualified.model(), qualified.version())
                .orElseThrow(() -> new IllegalStateException("a qualified version has a gate verdict"));
        String gates = verdict.checks().isEmpty() ? "none configured" : verdict.checks().stream()
                .map(c -> c.gate() + " (" + c.detail() + ")").collect(Collectors.joining("; "));
        String reason = "pipeline policy auto-rollout; gates passed: " + gates;
        // The key makes a repeated event a replay rather than a second canary.
        DeploymentView after = deployments.apply(qualified.model(),
                new Transition.Canary(qualified.version(), policy.canaryWeight()),
                new TransitionContext(qualified.actor(), reason, "pipeline-auto-rollout-v" + qualified.version(),
                        null)).deployment();
        store.recordRollout(modelId, qualified.version(), "canary started at " + after.canaryWeight()
                + "% (deployment revision " + after.revision() + ")");
        log.info("Automatic canary of model {} version {} at {}% by {}", qualified.model(), qualified.version(),
                after.canaryWeight(), qualified.actor());
    }
}
