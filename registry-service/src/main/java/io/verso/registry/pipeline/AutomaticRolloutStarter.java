package io.verso.registry.pipeline;

import io.verso.registry.error.RegistryException;
import io.verso.registry.model.ModelService;
import io.verso.registry.rollout.RolloutRequest;
import io.verso.registry.rollout.RolloutService;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts a progressive rollout (canary analysis) for a qualified version: first at the policy's canary weight, then
 * through the default steps above it to 100 (promotion), with the analysis' default thresholds. It is audited like an
 * operator's start: the actor is the token that registered the version, the reason names the gates passed. A model
 * whose rollout is still in progress keeps it (the start is refused with 409 and the reason recorded): an operator
 * decides whether the newer version should replace it. What happened (started, or why not) is written to the
 * version's gate verdict.
 */
@Component
class AutomaticRolloutStarter {

    /** The weights a rollout climbs through after the policy's first step; 100 promotes. */
    private static final List<Integer> LATER_STEPS = List.of(25, 50, 100);

    private static final Logger log = LoggerFactory.getLogger(AutomaticRolloutStarter.class);

    private final PipelineStore store;
    private final ModelService models;
    private final RolloutService rollouts;
    /** After commit, Spring requires a new transaction for any further writes. */
    private final TransactionTemplate newTransaction;

    AutomaticRolloutStarter(PipelineStore store, ModelService models, RolloutService rollouts,
                            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.models = models;
        this.rollouts = rollouts;
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void onQualified(VersionQualified qualified) {
        long modelId = newTransaction.execute(s -> models.requireModel(qualified.model()).getId());
        try {
            newTransaction.executeWithoutResult(s -> start(modelId, qualified));
        } catch (RegistryException e) {
            log.warn("Automatic rollout of model {} version {} not started: {}", qualified.model(),
                    qualified.version(), e.getMessage());
            newTransaction.executeWithoutResult(s -> store.recordRollout(modelId, qualified.version(),
                    "rollout not started: " + e.getMessage()));
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
        List<Integer> steps = steps(policy.canaryWeight());
        rollouts.start(qualified.model(), new RolloutRequest(qualified.version(), steps, null, null, null, reason),
                qualified.actor());
        store.recordRollout(modelId, qualified.version(), "rollout started at " + steps.get(0) + "% through "
                + steps);
        log.info("Automatic rollout of model {} version {} through {} by {}", qualified.model(), qualified.version(),
                steps, qualified.actor());
    }

    /** The policy's weight first, then the default steps above it. */
    static List<Integer> steps(int firstWeight) {
        List<Integer> steps = new ArrayList<>(List.of(firstWeight));
        LATER_STEPS.stream().filter(step -> step > firstWeight).forEach(steps::add);
        return steps;
    }
}
