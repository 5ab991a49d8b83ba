package io.verso.registry.rollout;

import java.time.Instant;
import java.util.List;

/**
 * One look at a rollout's current step: the metrics' verdicts and what follows from them.
 *
 * @param step    the step evaluated (0-based) and its canary weight
 * @param reason  why it passes, waits or fails, in words; on a failure it names every failing metric's figures
 */
public record Evaluation(Instant at, int step, int weight, Outcome outcome, String reason,
                         List<MetricVerdict> metrics) {

    public enum Outcome {
        /** Every metric is within its threshold and the step ran long enough with enough calls: next step. */
        PASS,
        /** Not enough data yet, or the step's minimum interval or calls not reached: look again later. */
        WAIT,
        /** A metric breached its threshold: roll the canary back. */
        FAIL
    }
}
