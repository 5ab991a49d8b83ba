package io.verso.registry.rollout;

import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.Transition;
import io.verso.registry.deployment.TransitionContext;
import io.verso.registry.error.RegistryException;
import io.verso.registry.model.Model;
import io.verso.registry.model.ModelService;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An operator's side of a rollout: start, look, pause, resume, abort. Each is one transaction holding the rollout's
 * row and making its deployment transition (so the audit event commits with the rollout's new state, or neither).
 */
@Service
public class RolloutService {

    private static final Logger log = LoggerFactory.getLogger(RolloutService.class);

    private final RolloutRepository rollouts;
    private final RolloutRecords records;
    private final ModelService models;
    private final DeploymentService deployments;
    private final RolloutMetrics metrics;
    private final Clock clock;

    RolloutService(RolloutRepository rollouts, RolloutRecords records, ModelService models,
                   DeploymentService deployments, RolloutMetrics metrics, Clock clock) {
        this.rollouts = rollouts;
        this.records = records;
        this.models = models;
        this.deployments = deployments;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Sets the canary at the first weight (ROLLOUT_STARTED) and hands the rest to the analysis. */
    @Transactional
    public RolloutView start(String modelName, RolloutRequest request, String actor) {
        RolloutPlan plan = RolloutPlan.of(request);
        Model model = models.requireModel(modelName);
        if (rollouts.lockActive(model.getId()).isPresent()) {
            throw RegistryException.conflict("version", "model '" + modelName + "' already has a rollout in "
                    + "progress; abort it first");
        }
        String audit = "rollout of version " + plan.version() + " through " + plan.steps() + ", at least "
                + plan.minStepInterval().toSeconds() + " s and " + plan.minStepRequests() + " calls per step"
                + (plan.reason() == null ? "" : ": " + plan.reason());
        deployments.apply(modelName, new Transition.RolloutStep("ROLLOUT_STARTED",
                new Transition.Canary(plan.version(), plan.steps().get(0))), context(actor, audit));
        Rollout rollout = new Rollout(model.getId(), plan.version(), records.write(plan.steps()),
                plan.minStepInterval(), plan.minStepRequests(), records.write(plan.thresholds()), actor,
                clock.instant());
        try {
            rollouts.saveAndFlush(rollout);
        } catch (DataIntegrityViolationException e) {
            // Another start for this model committed between our check and our insert.
            throw RegistryException.conflict("version", "model '" + modelName + "' already has a rollout in "
                    + "progress; abort it first");
        }
        log.info("rollout of model {} version {} through {} started by {}", modelName, plan.version(), plan.steps(),
                actor);
        return records.view(modelName, rollout);
    }

    @Transactional(readOnly = true)
    public RolloutView get(String modelName) {
        Model model = models.requireModel(modelName);
        return rollouts.findFirstByModelIdOrderByIdDesc(model.getId())
                .map(r -> records.view(modelName, r))
                .orElseThrow(() -> RegistryException.notFound("model", "model '" + modelName + "' has no rollout"));
    }

    /** Stops the analysis where it is; the canary keeps its weight. */
    @Transactional
    public RolloutView pause(String modelName, String actor, String reason) {
        return operatorTransition(modelName, RolloutPhase.RUNNING, "ROLLOUT_PAUSED", actor, reason,
                rollout -> rollout.pause(clock.instant()));
    }

    /** Evaluates again at once; the step's interval still counts from when the step began. */
    @Transactional
    public RolloutView resume(String modelName, String actor, String reason) {
        return operatorTransition(modelName, RolloutPhase.PAUSED, "ROLLOUT_RESUMED", actor, reason,
                rollout -> rollout.resume(clock.instant()));
    }

    /** A transition allowed only in phase {@code from}, audited as {@code action}; routing is left as it is. */
    private RolloutView operatorTransition(String modelName, RolloutPhase from, String action, String actor,
                                           String reason, Consumer<Rollout> change) {
        Rollout rollout = active(modelName);
        if (rollout.getPhase() != from) {
            throw RegistryException.conflict("phase", "the rollout of model '" + modelName + "' is "
                    + rollout.getPhase() + ", not " + from);
        }
        deployments.apply(modelName, new Transition.RolloutStep(action, null),
                context(actor, describe(rollout, reason)));
        change.accept(rollout);
        return records.view(modelName, rollout);
    }

    /** Ends the rollout and rolls its canary back, keeping the stable version. */
    @Transactional
    public RolloutView abort(String modelName, String actor, String reason) {
        Rollout rollout = active(modelName);
        Long canary = deployments.get(modelName).canaryVersion();
        // A canary changed by hand since is not this rollout's to roll back; the abort then only ends the rollout.
        Transition routing = Objects.equals(canary, rollout.getVersion()) ? new Transition.RollbackCanary() : null;
        String why = describe(rollout, reason);
        deployments.apply(modelName, new Transition.RolloutStep("ROLLOUT_ABORTED", routing), context(actor, why));
        rollout.finish(RolloutPhase.ABORTED, "aborted by " + actor + ": " + why, clock.instant());
        metrics.finished(modelName, RolloutPhase.ABORTED);
        return records.view(modelName, rollout);
    }

    private Rollout active(String modelName) {
        Model model = models.requireModel(modelName);
        return rollouts.lockActive(model.getId()).orElseThrow(() -> RegistryException.conflict("model",
                "model '" + modelName + "' has no rollout in progress"));
    }

    private String describe(Rollout rollout, String reason) {
        String at = "rollout of version " + rollout.getVersion() + " at step " + (rollout.getStep() + 1) + " ("
                + records.steps(rollout).get(rollout.getStep()) + "%)";
        return reason == null || reason.isBlank() ? at : at + ": " + reason;
    }

    private static TransitionContext context(String actor, String reason) {
        return new TransitionContext(actor, reason, null, null);
    }
}
