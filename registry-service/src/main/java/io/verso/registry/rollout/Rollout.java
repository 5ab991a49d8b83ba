package io.verso.registry.rollout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One progressive rollout: its plan, the step it is at and its last evaluation. Changed only while its row is
 * locked (by the evaluating replica or by an operator's pause, resume or abort).
 */
@Entity
@Table(name = "rollout")
class Rollout {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private Long modelId;

    @Column(nullable = false, updatable = false)
    private long version;

    @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String steps;

    @Column(nullable = false)
    private int step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RolloutPhase phase;

    @Column(name = "min_step_interval_s", nullable = false, updatable = false)
    private long minStepIntervalSeconds;

    @Column(name = "min_step_requests", nullable = false, updatable = false)
    private long minStepRequests;

    @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String thresholds;

    @Column(name = "step_started_at", nullable = false)
    private Instant stepStartedAt;

    @Column(name = "next_evaluation_at", nullable = false)
    private Instant nextEvaluationAt;

    @Column(name = "last_evaluation", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String lastEvaluation;

    @Column
    private String outcome;

    @Column(name = "started_by", nullable = false, updatable = false)
    private String startedBy;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Rollout() {
    }

    Rollout(long modelId, long version, String stepsJson, Duration minStepInterval, long minStepRequests,
            String thresholdsJson, String startedBy, Instant now) {
        this.modelId = modelId;
        this.version = version;
        this.steps = stepsJson;
        this.step = 0;
        this.phase = RolloutPhase.RUNNING;
        this.minStepIntervalSeconds = minStepInterval.toSeconds();
        this.minStepRequests = minStepRequests;
        this.thresholds = thresholdsJson;
        this.startedBy = startedBy;
        this.startedAt = now;
        this.stepStartedAt = now;
        this.nextEvaluationAt = now;
        this.updatedAt = now;
    }

    void evaluated(String evaluationJson, Instant now, Instant next) {
        lastEvaluation = evaluationJson;
        nextEvaluationAt = next;
        updatedAt = now;
    }

    /** The next step's weight is set: its interval and call count start over. */
    void nextStep(Instant now) {
        step++;
        stepStartedAt = now;
        nextEvaluationAt = now;
        updatedAt = now;
    }

    void pause(Instant now) {
        phase = RolloutPhase.PAUSED;
        updatedAt = now;
    }

    void resume(Instant now) {
        phase = RolloutPhase.RUNNING;
        nextEvaluationAt = now;
        updatedAt = now;
    }

    void finish(RolloutPhase end, String why, Instant now) {
        phase = end;
        outcome = why;
        finishedAt = now;
        updatedAt = now;
    }

    Long getId() {
        return id;
    }

    Long getModelId() {
        return modelId;
    }

    long getVersion() {
        return version;
    }

    String getStepsJson() {
        return steps;
    }

    int getStep() {
        return step;
    }

    RolloutPhase getPhase() {
        return phase;
    }

    Duration getMinStepInterval() {
        return Duration.ofSeconds(minStepIntervalSeconds);
    }

    long getMinStepRequests() {
        return minStepRequests;
    }

    String getThresholdsJson() {
        return thresholds;
    }

    Instant getStepStartedAt() {
        return stepStartedAt;
    }

    Instant getNextEvaluationAt() {
        return nextEvaluationAt;
    }

    String getLastEvaluationJson() {
        return lastEvaluation;
    }

    String getOutcome() {
        return outcome;
    }

    String getStartedBy() {
        return startedBy;
    }

    Instant getStartedAt() {
        return startedAt;
    }

    Instant getFinishedAt() {
        return finishedAt;
    }
}
