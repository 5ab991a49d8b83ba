package io.verso.registry.rollout;

/**
 * One metric's comparison at one evaluation.
 *
 * @param metric    {@code errorRate}, {@code latencyP99}, {@code driftScore} or {@code accuracy}
 * @param canary    the canary's value; null when it has none
 * @param stable    the stable version's value; null when it has none
 * @param threshold the limit it is held to (for the error rate: the largest tolerated increase)
 * @param detail    the figures behind the verdict, in words: what the audit event quotes on a failure
 */
public record MetricVerdict(String metric, Verdict verdict, Double canary, Double stable, double threshold,
                            String detail) {

    public enum Verdict {
        PASS,
        FAIL,
        /** Below the metric's minimum sample size: wait for more, do not fail. */
        INSUFFICIENT_DATA,
        /** The metric does not exist for this model (no baseline for drift, no feedback for accuracy). */
        NOT_APPLICABLE
    }
}
