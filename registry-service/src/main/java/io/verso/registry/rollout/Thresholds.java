package io.verso.registry.rollout;

/**
 * What a canary must satisfy at every step, and how much data each metric needs before it is judged.
 *
 * @param maxErrorRateIncrease  largest tolerated rise of the error rate over stable's, absolute (0.01 = one point)
 * @param significance          the z-test's level: a rise counts only when its one-sided p-value is below it
 * @param maxP99LatencyRatio    largest tolerated canary p99 / stable p99
 * @param maxDriftScore         largest tolerated canary drift score (the largest PSI over its features), and
 *                              largest tolerated excess of it over stable's in the same window
 * @param minAccuracyDelta      smallest tolerated canary accuracy − stable accuracy (negative: a small loss is ok)
 * @param minErrorRateSamples   calls each version needs before error rates are compared
 * @param minLatencySamples     latencies each version needs before p99s are compared
 * @param minDriftSamples       calls the canary needs before its drift score is judged
 * @param minAccuracySamples    feedback labels each version needs before accuracies are compared
 */
public record Thresholds(double maxErrorRateIncrease, double significance, double maxP99LatencyRatio,
                         double maxDriftScore, double minAccuracyDelta, long minErrorRateSamples,
                         long minLatencySamples, long minDriftSamples, long minAccuracySamples) {

    /**
     * One point more errors, 5 % significance, 1.5× the p99, PSI 0.25 (the usual "significant shift"), two points
     * of accuracy; 200 calls (a one-point rise is then detectable from a 1 % base rate only when it is real and
     * large, which is the point of also requiring significance) and 100 labels.
     */
    public static final Thresholds DEFAULTS = new Thresholds(0.01, 0.05, 1.5, 0.25, -0.02, 200, 200, 200, 100);
}
