package io.verso.registry.rollout;

import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.rollout.MetricVerdict.Verdict;
import java.util.List;
import java.util.Locale;

/** Compares a canary's monitoring with the stable version's, metric by metric. Pure: no clock, no database. */
final class CanaryComparison {

    private CanaryComparison() {
    }

    static List<MetricVerdict> compare(VersionMonitoring canary, VersionMonitoring stable, Thresholds thresholds) {
        return List.of(errorRate(canary, stable, thresholds), latency(canary, stable, thresholds),
                drift(canary, stable, thresholds), accuracy(canary, stable, thresholds));
    }

    /**
     * Fails only when the rise is both significant (one-sided two-proportion z-test) and larger than the tolerated
     * increase: significance alone would fail a harmless rise on heavy traffic, a raw difference alone would fail
     * on noise at low traffic.
     */
    static MetricVerdict errorRate(VersionMonitoring canary, VersionMonitoring stable, Thresholds t) {
        double limit = t.maxErrorRateIncrease();
        if (canary.requests() < t.minErrorRateSamples() || stable.requests() < t.minErrorRateSamples()) {
            return new MetricVerdict("errorRate", Verdict.INSUFFICIENT_DATA, canary.errorRate(), stable.errorRate(),
                    limit, format("calls: canary %d, stable %d, each needs %d", canary.requests(), stable.requests(),
                    t.minErrorRateSamples()));
        }
        TwoProportions.Result test = TwoProportions.canaryWorse(canary.errors(), canary.requests(), stable.errors(),
                stable.requests());
        double increase = test.canaryRate() - test.stableRate();
        boolean worse = test.pValue() < t.significance() && increase > limit;
        String detail = format("error rate canary %.4f (%d/%d) vs stable %.4f (%d/%d): increase %.4f, max %.4f, "
                        + "z = %.3f, p = %.3g, significance %.3g", test.canaryRate(), canary.errors(),
                canary.requests(), test.stableRate(), stable.errors(), stable.requests(), increase, limit, test.z(),
                test.pValue(), t.significance());
        return new MetricVerdict("errorRate", worse ? Verdict.FAIL : Verdict.PASS, test.canaryRate(),
                test.stableRate(), limit, detail);
    }

    /** p99s are histogram bucket bounds (the same for every pod), so the ratio moves in bucket steps. */
    static MetricVerdict latency(VersionMonitoring canary, VersionMonitoring stable, Thresholds t) {
        double limit = t.maxP99LatencyRatio();
        long canaryCount = canary.latency().total();
        long stableCount = stable.latency().total();
        if (canaryCount < t.minLatencySamples() || stableCount < t.minLatencySamples()) {
            return new MetricVerdict("latencyP99", Verdict.INSUFFICIENT_DATA, canary.latencyP99Ms(),
                    stable.latencyP99Ms(), limit, format("latencies: canary %d, stable %d, each needs %d",
                    canaryCount, stableCount, t.minLatencySamples()));
        }
        double ratio = canary.latencyP99Ms() / stable.latencyP99Ms();
        String detail = format("p99 latency canary %.1f ms vs stable %.1f ms: ratio %.2f, max %.2f",
                canary.latencyP99Ms(), stable.latencyP99Ms(), ratio, limit);
        return new MetricVerdict("latencyP99", ratio > limit ? Verdict.FAIL : Verdict.PASS, canary.latencyP99Ms(),
                stable.latencyP99Ms(), limit, detail);
    }

    /**
     * Drift of the traffic is not a fault of the canary: when stable sees its inputs as just as shifted, so would
     * any new version. The canary fails only when its drift score is over the limit and exceeds stable's (which
     * saw the same routed traffic in the same window) by more than the limit too; without a stable score (stable
     * has no baseline) the canary's own score is judged alone. Calls a client pinned to the canary are left out of
     * both scores by the pods, so a client cannot make the canary look drifted by sending it skewed inputs.
     */
    static MetricVerdict drift(VersionMonitoring canary, VersionMonitoring stable, Thresholds t) {
        double limit = t.maxDriftScore();
        if (canary.requests() < t.minDriftSamples()) {
            return new MetricVerdict("driftScore", Verdict.INSUFFICIENT_DATA, canary.maxPsi(), stable.maxPsi(), limit,
                    format("canary calls %d, needs %d", canary.requests(), t.minDriftSamples()));
        }
        if (canary.maxPsi() == null) {
            return new MetricVerdict("driftScore", Verdict.NOT_APPLICABLE, null, stable.maxPsi(), limit,
                    "the canary reports no drift score (no baseline statistics)");
        }
        boolean worse = canary.maxPsi() > limit
                && (stable.maxPsi() == null || canary.maxPsi() - stable.maxPsi() > limit);
        String detail = stable.maxPsi() == null
                ? format("drift score (max PSI) canary %.3f, stable none: max %.3f", canary.maxPsi(), limit)
                : format("drift score (max PSI) canary %.3f vs stable %.3f: excess %.3f, max %.3f (each)",
                        canary.maxPsi(), stable.maxPsi(), canary.maxPsi() - stable.maxPsi(), limit);
        return new MetricVerdict("driftScore", worse ? Verdict.FAIL : Verdict.PASS, canary.maxPsi(),
                stable.maxPsi(), limit, detail);
    }

    static MetricVerdict accuracy(VersionMonitoring canary, VersionMonitoring stable, Thresholds t) {
        double limit = t.minAccuracyDelta();
        if (canary.accuracy() == null || stable.accuracy() == null) {
            // Waiting for feedback that may never come (a model without labels) would stall every rollout.
            return new MetricVerdict("accuracy", Verdict.NOT_APPLICABLE, canary.accuracy(), stable.accuracy(), limit,
                    "accuracy needs feedback labels on both versions");
        }
        long canaryLabels = canary.feedbackCount();
        long stableLabels = stable.feedbackCount();
        if (canaryLabels < t.minAccuracySamples() || stableLabels < t.minAccuracySamples()) {
            return new MetricVerdict("accuracy", Verdict.INSUFFICIENT_DATA, canary.accuracy(), stable.accuracy(),
                    limit, format("feedback labels: canary %d, stable %d, each needs %d", canaryLabels, stableLabels,
                    t.minAccuracySamples()));
        }
        double delta = canary.accuracy() - stable.accuracy();
        String detail = format("accuracy canary %.4f (%d labels) vs stable %.4f (%d labels): delta %.4f, min %.4f",
                canary.accuracy(), canaryLabels, stable.accuracy(), stableLabels, delta, limit);
        return new MetricVerdict("accuracy", delta < limit ? Verdict.FAIL : Verdict.PASS, canary.accuracy(),
                stable.accuracy(), limit, detail);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
