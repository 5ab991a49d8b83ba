package io.verso.registry.rollout;

import io.verso.registry.analysis.VersionMonitoring;
import io.verso.registry.rollout.Evaluation.Outcome;
import io.verso.registry.rollout.MetricVerdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides a step from the metrics' verdicts and the step's progress. A failure counts at once, even before the
 * step's minimum interval: a canary that is measurably worse should take no more traffic than it has to. Passing
 * needs every metric judged (none short of data), the minimum interval elapsed, the minimum calls reached and a
 * canary summary that arrived after the step began (so the figures saw the step's weight).
 */
final class StepDecision {

    /**
     * Where the step stands.
     *
     * @param startedAt       when the step's weight was set
     * @param minInterval     how long a step lasts at least
     * @param minRequests     canary calls a step needs at least (in the pods' current windows)
     */
    record Progress(int step, int weight, Instant startedAt, Duration minInterval, long minRequests) {
    }

    private StepDecision() {
    }

    static Evaluation decide(Progress progress, VersionMonitoring canary, List<MetricVerdict> verdicts, Instant now) {
        List<MetricVerdict> failed = verdicts.stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
        if (!failed.isEmpty()) {
            return evaluation(progress, now, Outcome.FAIL, failed.stream()
                    .map(v -> v.metric() + " failed: " + v.detail()).collect(Collectors.joining("; ")), verdicts);
        }
        List<MetricVerdict> waiting = verdicts.stream().filter(v -> v.verdict() == Verdict.INSUFFICIENT_DATA)
                .toList();
        if (!waiting.isEmpty()) {
            return evaluation(progress, now, Outcome.WAIT, "insufficient data: " + waiting.stream()
                    .map(v -> v.metric() + " (" + v.detail() + ")").collect(Collectors.joining("; ")), verdicts);
        }
        Instant due = progress.startedAt().plus(progress.minInterval());
        if (now.isBefore(due)) {
            return evaluation(progress, now, Outcome.WAIT, "the step's minimum interval of "
                    + progress.minInterval().toSeconds() + " s ends at " + due, verdicts);
        }
        if (canary.requests() < progress.minRequests()) {
            return evaluation(progress, now, Outcome.WAIT, "the canary has " + canary.requests() + " calls, the step "
                    + "needs " + progress.minRequests(), verdicts);
        }
        if (canary.updatedAt() == null || !canary.updatedAt().isAfter(progress.startedAt())) {
            return evaluation(progress, now, Outcome.WAIT, "no canary summary since the step began at "
                    + progress.startedAt(), verdicts);
        }
        return evaluation(progress, now, Outcome.PASS, "every metric within its threshold", verdicts);
    }

    private static Evaluation evaluation(Progress progress, Instant now, Outcome outcome, String reason,
                                         List<MetricVerdict> verdicts) {
        return new Evaluation(now, progress.step(), progress.weight(), outcome, reason, verdicts);
    }
}
