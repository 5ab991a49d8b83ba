package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.rollout.MetricVerdict.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanaryComparisonTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Thresholds T = Thresholds.DEFAULTS;

    /** 30/1000 vs 10/1000: p = 0.0007 < 0.05 and the increase 0.02 > 0.01, so it fails, quoting the figures. */
    @Test
    void aSignificantAndLargeErrorRiseFails() {
        MetricVerdict verdict = CanaryComparison.errorRate(Monitorings.of(1000, 30, 2, AT),
                Monitorings.of(1000, 10, 2, AT), T);
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.canary()).isEqualTo(0.03);
        assertThat(verdict.stable()).isEqualTo(0.01);
        assertThat(verdict.threshold()).isEqualTo(0.01);
        assertThat(verdict.detail()).contains("canary 0.0300 (30/1000)", "stable 0.0100 (10/1000)", "max 0.0100",
                "z = 3.194");
    }

    /** 12/1000 vs 10/1000: the increase 0.002 is below 0.01 and p = 0.33: passes. */
    @Test
    void aSmallErrorRisePasses() {
        assertThat(CanaryComparison.errorRate(Monitorings.of(1000, 12, 2, AT), Monitorings.of(1000, 10, 2, AT), T)
                .verdict()).isEqualTo(Verdict.PASS);
    }

    /**
     * 100 000 calls each, 1.5 % vs 1.4 %: z = 0.001 / √(0.0145 · 0.9855 · 0.00002) = 0.001 / 0.00053460 = 1.8706,
     * p = 0.0307 is significant, but the increase 0.001 is under the 0.01 tolerated: passes.
     */
    @Test
    void aSignificantButTinyRisePasses() {
        MetricVerdict verdict = CanaryComparison.errorRate(Monitorings.of(100_000, 1500, 2, AT),
                Monitorings.of(100_000, 1400, 2, AT), T);
        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.detail()).contains("z = 1.871");
    }

    /** 5/50 vs 0/50 is a large rise, but 50 calls are below the 200 each version needs: wait, do not fail. */
    @Test
    void errorRatesBelowTheSampleSizeAreInsufficientData() {
        MetricVerdict verdict = CanaryComparison.errorRate(Monitorings.of(50, 5, 2, AT), Monitorings.of(5000, 0, 2, AT),
                T);
        assertThat(verdict.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(verdict.detail()).isEqualTo("calls: canary 50, stable 5000, each needs 200");
    }

    /** Canary p99 in the (50, 100] ms bucket, stable in (10, 20]: ratio 100 / 20 = 5 > 1.5 fails; 20/20 passes. */
    @Test
    void p99LatencyRatioIsHeldToItsThreshold() {
        MetricVerdict slow = CanaryComparison.latency(Monitorings.of(500, 0, 6, AT), Monitorings.of(500, 0, 4, AT), T);
        assertThat(slow.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(slow.canary()).isEqualTo(100.0);
        assertThat(slow.stable()).isEqualTo(20.0);
        assertThat(slow.detail()).contains("ratio 5.00, max 1.50");
        assertThat(CanaryComparison.latency(Monitorings.of(500, 0, 4, AT), Monitorings.of(500, 0, 4, AT), T).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(CanaryComparison.latency(Monitorings.of(100, 0, 6, AT), Monitorings.of(500, 0, 4, AT), T)
                .verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    @Test
    void driftAboveTheThresholdFailsAndNoBaselineIsNotApplicable() {
        VersionMonitoring stable = Monitorings.with(500, 0, 2, 0.05, null, null, AT);
        assertThat(CanaryComparison.drift(Monitorings.with(500, 0, 2, 0.4, null, null, AT), stable, T).verdict())
                .isEqualTo(Verdict.FAIL);
        assertThat(CanaryComparison.drift(Monitorings.with(500, 0, 2, 0.1, null, null, AT), stable, T).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(CanaryComparison.drift(Monitorings.of(500, 0, 2, AT), stable, T).verdict())
                .isEqualTo(Verdict.NOT_APPLICABLE);
        assertThat(CanaryComparison.drift(Monitorings.with(50, 0, 2, 0.9, null, null, AT), stable, T).verdict())
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
    }

    /**
     * Issue 20's attack: skewed inputs routed through the gateway reach stable as much as the canary, and both
     * scored 9.657 — which failed the canary on a property of the traffic. Shared drift passes; drift the canary
     * alone shows still fails; a stable without a baseline leaves the canary's own score to decide.
     */
    @Test
    void driftBothVersionsShareIsTheTrafficsNotTheCanarys() {
        VersionMonitoring skewedStable = Monitorings.with(500, 0, 2, 9.657, null, null, AT);
        MetricVerdict shared = CanaryComparison.drift(Monitorings.with(500, 0, 2, 9.657, null, null, AT),
                skewedStable, T);
        assertThat(shared.verdict()).isEqualTo(Verdict.PASS);
        assertThat(shared.detail()).contains("canary 9.657 vs stable 9.657", "excess 0.000");
        assertThat(CanaryComparison.drift(Monitorings.with(500, 0, 2, 9.8, null, null, AT), skewedStable, T)
                .verdict()).isEqualTo(Verdict.PASS);
        assertThat(CanaryComparison.drift(Monitorings.with(500, 0, 2, 10.0, null, null, AT), skewedStable, T)
                .verdict()).isEqualTo(Verdict.FAIL);
        VersionMonitoring noBaseline = Monitorings.of(500, 0, 2, AT);
        assertThat(CanaryComparison.drift(Monitorings.with(500, 0, 2, 0.4, null, null, AT), noBaseline, T)
                .verdict()).isEqualTo(Verdict.FAIL);
    }

    /** Canary 0.85 vs stable 0.90: delta −0.05 < −0.02 fails; 0.89 (delta −0.01) passes; 40 labels wait. */
    @Test
    void accuracyIsComparedWhereFeedbackReachesTheSampleSize() {
        VersionMonitoring stable = Monitorings.with(500, 0, 2, null, 200L, 0.90, AT);
        MetricVerdict worse = CanaryComparison.accuracy(Monitorings.with(500, 0, 2, null, 150L, 0.85, AT), stable, T);
        assertThat(worse.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(worse.detail()).contains("delta -0.0500, min -0.0200");
        assertThat(CanaryComparison.accuracy(Monitorings.with(500, 0, 2, null, 150L, 0.89, AT), stable, T).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(CanaryComparison.accuracy(Monitorings.with(500, 0, 2, null, 40L, 0.5, AT), stable, T).verdict())
                .isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(CanaryComparison.accuracy(Monitorings.of(500, 0, 2, AT), Monitorings.of(500, 0, 2, AT), T)
                .verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    }
}
