package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.rollout.Evaluation.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepDecisionTest {

    private static final Instant STEP_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final StepDecision.Progress PROGRESS = new StepDecision.Progress(1, 25, STEP_START,
            Duration.ofSeconds(60), 300);

    private static Evaluation decide(VersionMonitoring canary, VersionMonitoring stable, Instant now) {
        return StepDecision.decide(PROGRESS, canary, CanaryComparison.compare(canary, stable, Thresholds.DEFAULTS),
                now);
    }

    @Test
    void passesOnceTheIntervalAndCallsAreReachedWithAFreshSummary() {
        Instant later = STEP_START.plusSeconds(61);
        Evaluation evaluation = decide(Monitorings.of(400, 2, 2, later), Monitorings.of(4000, 20, 2, later), later);
        assertThat(evaluation.outcome()).isEqualTo(Outcome.PASS);
        assertThat(evaluation.step()).isEqualTo(1);
        assertThat(evaluation.weight()).isEqualTo(25);
        assertThat(evaluation.metrics()).extracting(MetricVerdict::metric)
                .containsExactly("errorRate", "latencyP99", "driftScore", "accuracy");
    }

    @Test
    void waitsForTheStepsMinimumInterval() {
        Instant early = STEP_START.plusSeconds(30);
        Evaluation evaluation = decide(Monitorings.of(400, 2, 2, early), Monitorings.of(4000, 20, 2, early), early);
        assertThat(evaluation.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(evaluation.reason()).contains("minimum interval of 60 s");
    }

    @Test
    void waitsForTheStepsMinimumCallsAndForASummaryFromTheStep() {
        Instant later = STEP_START.plusSeconds(120);
        assertThat(decide(Monitorings.of(250, 0, 2, later), Monitorings.of(4000, 20, 2, later), later).reason())
                .isEqualTo("the canary has 250 calls, the step needs 300");
        Evaluation stale = decide(Monitorings.of(400, 0, 2, STEP_START.minusSeconds(1)),
                Monitorings.of(4000, 20, 2, later), later);
        assertThat(stale.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(stale.reason()).startsWith("no canary summary since the step began");
    }

    @Test
    void insufficientDataWaitsAndNamesTheMetric() {
        Instant later = STEP_START.plusSeconds(120);
        Evaluation evaluation = decide(Monitorings.of(100, 0, 2, later), Monitorings.of(4000, 20, 2, later), later);
        assertThat(evaluation.outcome()).isEqualTo(Outcome.WAIT);
        assertThat(evaluation.reason()).startsWith("insufficient data: errorRate (calls: canary 100, stable 4000, "
                + "each needs 200)");
    }

    /** A failure counts before the minimum interval: a worse canary should not keep its traffic any longer. */
    @Test
    void failsAtOnceNamingEveryFailingMetric() {
        Instant early = STEP_START.plusSeconds(5);
        Evaluation evaluation = decide(Monitorings.of(1000, 30, 6, early), Monitorings.of(1000, 10, 2, early), early);
        assertThat(evaluation.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(evaluation.reason()).contains("errorRate failed: error rate canary 0.0300 (30/1000)",
                "latencyP99 failed: p99 latency canary 100.0 ms vs stable 5.0 ms");
        assertThat(evaluation.metrics()).hasSize(4);
        assertThat(List.of(evaluation.reason().split("; "))).hasSize(2);
    }
}
