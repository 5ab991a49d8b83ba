package io.verso.registry.rollout;

import java.time.Instant;
import java.util.List;

/**
 * A rollout as the API shows it.
 *
 * @param step             the current step, 0-based; after a promotion, the last one
 * @param weight           the current step's canary weight
 * @param nextEvaluationAt when the analysis looks next; null unless running
 * @param lastEvaluation   the latest evaluation with every metric's values, threshold and verdict; null before
 *                         the first
 * @param outcome          why it ended; null while in progress
 */
public record RolloutView(String model, long version, RolloutPhase phase, int step, int weight, List<Integer> steps,
                          long minStepIntervalSeconds, long minStepRequests, Thresholds thresholds,
                          Instant stepStartedAt, Instant nextEvaluationAt, Evaluation lastEvaluation, String outcome,
                          String startedBy, Instant startedAt, Instant finishedAt) {
}
