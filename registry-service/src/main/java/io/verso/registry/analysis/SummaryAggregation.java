package io.verso.registry.analysis;

import io.verso.contracts.LatencyHistogram;
import io.verso.contracts.MonitoringSummary;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Adds up one version's summaries from several pods. Counts add; rates are recomputed from the sums (so a pod
 * weighs by its traffic, or by its feedback for accuracy and MAE); latency percentiles come from the merged
 * histogram, since percentiles themselves do not add; drift takes the worst pod.
 */
final class SummaryAggregation {

    /** A pod's summary with the time it arrived. */
    record Reported(MonitoringSummary summary, Instant at) {
    }

    private SummaryAggregation() {
    }

    static VersionMonitoring of(String model, long version, List<Reported> reports) {
        long requests = 0;
        long errors = 0;
        long windowSeconds = 0;
        LatencyHistogram latency = LatencyHistogram.empty();
        Double maxPsi = null;
        TreeSet<String> breaches = new TreeSet<>();
        Long feedback = null;
        WeightedMean accuracy = new WeightedMean();
        WeightedMean mae = new WeightedMean();
        for (Reported report : reports) {
            MonitoringSummary s = report.summary();
            requests += s.requests();
            errors += s.errors();
            windowSeconds = Math.max(windowSeconds, s.windowSeconds());
            latency = latency.plus(s.latency());
            if (s.maxPsi() != null) {
                maxPsi = maxPsi == null ? s.maxPsi() : Math.max(maxPsi, s.maxPsi());
            }
            breaches.addAll(s.driftBreaches());
            if (s.feedbackCount() != null) {
                feedback = (feedback == null ? 0 : feedback) + s.feedbackCount();
                accuracy.add(s.accuracy(), s.feedbackCount());
                mae.add(s.meanAbsoluteError(), s.feedbackCount());
            }
        }
        Instant updatedAt = reports.stream().map(Reported::at).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new VersionMonitoring(model, version, reports.size(), windowSeconds, requests, errors,
                requests == 0 ? null : (double) errors / requests, latency, latency.quantileMs(0.5),
                latency.quantileMs(0.99), maxPsi, List.copyOf(breaches), feedback, accuracy.value(), mae.value(),
                updatedAt);
    }

    private static final class WeightedMean {
        private double sum;
        private long weight;

        void add(Double value, long count) {
            if (value != null && count > 0) {
                sum += value * count;
                weight += count;
            }
        }

        Double value() {
            return weight == 0 ? null : sum / weight;
        }
    }
}
