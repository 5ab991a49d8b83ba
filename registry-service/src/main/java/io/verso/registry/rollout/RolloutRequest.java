package io.verso.registry.rollout;

import java.util.List;

/**
 * The body of {@code POST .../deployment/rollout}; every field but {@code version} has a default
 * ({@link RolloutPlan#DEFAULT_STEPS}, {@link RolloutPlan#DEFAULT_MIN_STEP_INTERVAL_SECONDS},
 * {@link RolloutPlan#DEFAULT_MIN_STEP_REQUESTS}, {@link Thresholds#DEFAULTS}).
 */
public record RolloutRequest(Long version, List<Integer> steps, Long minStepIntervalSeconds, Long minStepRequests,
                      ThresholdsRequest thresholds, String reason) {

    /** Any threshold left out takes its default. */
    public record ThresholdsRequest(Double maxErrorRateIncrease, Double significance, Double maxP99LatencyRatio,
                             Double maxDriftScore, Double minAccuracyDelta, Long minErrorRateSamples,
                             Long minLatencySamples, Long minDriftSamples, Long minAccuracySamples) {
    }
}
