package io.verso.registry.rollout;

import io.verso.registry.analysis.MonitoringAnalysis;
import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.deployment.DeploymentService;
import io.verso.registry.deployment.DeploymentView;
import io.verso.registry.deployment.Transition;
import io.verso.registry.deployment.TransitionContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates one due rollout per call, inside one transaction that holds the rollout's row lock from the moment it
 * is picked ({@code FOR UPDATE SKIP LOCKED}) until its new state, deployment transition and audit event commit.
 * Any number of evaluators (threads, registry replicas) can run at once: each rollout is acted on by one.
 */
@Service
public class RolloutEvaluator {

    /** The actor of the analysis's own transitions in the audit trail. */
    public static final String ACTOR = "canary-analysis";

    private static final Logger log = LoggerFactory.getLogger(RolloutEvaluator.class);

    private final RolloutRepository rollouts;
    private final RolloutRecords records;
    private final MonitoringAnalysis monitoring;
    private final DeploymentService deployments;
    private final CanarySettings settings;
    private final TransactionTemplate transactions;
    private final RolloutMetrics metrics;
    private final Clock clock;

    RolloutEvaluator(RolloutRepository rollouts, RolloutRecords records, MonitoringAnalysis monitoring,
                     DeploymentService deployments, CanarySettings settings, TransactionTemplate transactions,
                     RolloutMetrics metrics, Clock clock) {
        this.rollouts = rollouts;
        this.records = records;
        this.monitoring = monitoring;
        this.deployments = deployments;
        this.settings = settings;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Evaluates the most overdue rollout nobody else holds; false when there is none. An evaluation that fails (its
     * transition refused, say because the canary version was archived) rolls back and its rollout is postponed by
     * one interval, so that it does not starve the rollouts behind it; a failure to postpone (the database is
     * down) is thrown.
     */
    public boolean evaluateNextDue() {
        AtomicReference<Long> picked = new AtomicReference<>();
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                Instant now = clock.instant();
                Optional<Rollout> due = rollouts.lockNextDue(now);
                due.ifPresent(rollout -> {
                    picked.set(rollout.getId());
                    evaluate(rollout, now);
                });
                return due.isPresent();
            }));
        } catch (RuntimeException e) {
            if (picked.get() == null) {
                throw e;
            }
            log.warn("evaluation of rollout {} failed, trying again in {}: {}", picked.get(), settings.interval(),
                    e.toString());
            transactions.executeWithoutResult(status -> rollouts.postpone(picked.get(),
                    clock.instant().plus(settings.interval())));
            return true;
        }
    }

    private void evaluate(Rollout rollout, Instant now) {
        String model = records.modelName(rollout);
        DeploymentView deployment = deployments.get(model);
        if (!Objects.equals(deployment.canaryVersion(), rollout.getVersion())) {
            String why = "the deployment's canary became " + deployment.canaryVersion() + " outside the rollout";
            rollout.finish(RolloutPhase.SUPERSEDED, why, now);
            metrics.finished(model, RolloutPhase.SUPERSEDED);
            log.info("rollout of model {} version {} superseded: {}", model, rollout.getVersion(), why);
            return;
        }
        List<Integer> steps = records.steps(rollout);
        int step = rollout.getStep();
        VersionMonitoring canary = monitoring.version(model, rollout.getVersion());
        VersionMonitoring stable = monitoring.version(model, deployment.stableVersion());
        List<MetricVerdict> verdicts = CanaryComparison.compare(canary, stable, records.thresholds(rollout));
        Evaluation evaluation = StepDecision.decide(new StepDecision.Progress(step, steps.get(step),
                rollout.getStepStartedAt(), rollout.getMinStepInterval(), rollout.getMinStepRequests()), canary,
                verdicts, now);
        rollout.evaluated(records.write(evaluation), now, now.plus(settings.interval()));
        String at = "step " + (step + 1) + " of " + steps.size() + " (" + steps.get(step) + "%)";
        switch (evaluation.outcome()) {
            case WAIT -> log.debug("rollout of model {} version {} waits at {}: {}", model, rollout.getVersion(), at,
                    evaluation.reason());
            case FAIL -> {
                String why = "canary analysis rolled back version " + rollout.getVersion() + " at " + at + ": "
                        + evaluation.reason();
                deployments.apply(model, new Transition.RollbackCanary(), context(why));
                rollout.finish(RolloutPhase.ROLLED_BACK, why, now);
                metrics.finished(model, RolloutPhase.ROLLED_BACK);
            }
            case PASS -> {
                int next = steps.get(step + 1);
                rollout.nextStep(now);
                if (next == 100) {
                    String why = "canary analysis passed every step of " + steps + " for version "
                            + rollout.getVersion();
                    deployments.apply(model, new Transition.Promote(rollout.getVersion()), context(why));
                    rollout.finish(RolloutPhase.PROMOTED, why, now);
                    metrics.finished(model, RolloutPhase.PROMOTED);
                } else {
                    deployments.apply(model, new Transition.RolloutStep("ROLLOUT_STEP", new Transition.SetWeight(next)),
                            context(at + " passed (" + evaluation.reason() + "); canary weight " + next + "%"));
                }
            }
        }
    }

    private static TransitionContext context(String reason) {
        return new TransitionContext(ACTOR, reason, null, null);
    }
}
