package io.verso.inference.monitoring.summary;

import io.verso.contracts.MonitoringSummary;
import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.drift.DriftReport;
import io.verso.inference.monitoring.drift.FeatureReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * Calls per model version over the window, and the pod's {@link MonitoringSummary} of each version: its traffic
 * with the drift monitor's verdict and, where a {@link QualitySource} knows it, ground-truth quality.
 */
public final class VersionTraffic {

    private record Key(String model, long version) {
    }

    private static final Comparator<Key> BY_MODEL_AND_VERSION = Comparator.comparing(Key::model)
            .thenComparingLong(Key::version);

    private final Duration window;
    private final int buckets;
    private final LongSupplier clock;
    private final Map<Key, TrafficWindow> versions = new ConcurrentHashMap<>();

    public VersionTraffic(Duration window, int buckets, LongSupplier clock) {
        this.window = window;
        this.buckets = buckets;
        this.clock = clock;
    }

    /** Counts one finished call; calls that never reached a version (version 0) are not counted. */
    public void record(String model, long version, boolean failed, long totalNanos) {
        if (version > 0) {
            versions.computeIfAbsent(new Key(model, version), k -> new TrafficWindow(window, buckets, clock))
                    .record(failed, totalNanos);
        }
    }

    /** Forgets the versions {@code live} rejects. */
    public void retain(BiPredicate<String, Long> live) {
        versions.keySet().removeIf(key -> !live.test(key.model(), key.version()));
    }

    /** One summary per version with traffic or a drift baseline, sorted by model and version. */
    public List<MonitoringSummary> summaries(DriftMonitor drift, QualitySource quality) {
        Map<Key, DriftReport> reports = new TreeMap<>(BY_MODEL_AND_VERSION);
        drift.reports().forEach(r -> reports.put(new Key(r.model(), r.version()), r));
        Map<Key, TrafficWindow> all = new TreeMap<>(BY_MODEL_AND_VERSION);
        all.putAll(versions);
        reports.keySet().forEach(key -> all.putIfAbsent(key, null));
        List<MonitoringSummary> summaries = new ArrayList<>();
        all.forEach((key, traffic) -> summaries.add(summary(key, traffic, reports.get(key),
                quality.quality(key.model(), key.version()).orElse(null))));
        return summaries;
    }

    private MonitoringSummary summary(Key key, TrafficWindow traffic, DriftReport drift,
                                      QualitySource.VersionQuality quality) {
        TrafficWindow.Totals totals = traffic == null ? new TrafficWindow(window, buckets, clock).totals()
                : traffic.totals();
        Double maxPsi = drift == null ? null : drift.features().stream().map(FeatureReport::psi)
                .filter(Objects::nonNull).max(Double::compare).orElse(null);
        List<String> breaches = drift == null ? List.of() : drift.features().stream()
                .filter(FeatureReport::anyBreached).map(FeatureReport::feature).sorted().toList();
        return new MonitoringSummary(key.model(), key.version(), window.toSeconds(), totals.requests(),
                totals.errors(), totals.latency(), totals.latency().quantileMs(0.5), totals.latency().quantileMs(0.99),
                maxPsi, breaches, quality == null ? null : quality.feedbackCount(),
                quality == null ? null : quality.accuracy(), quality == null ? null : quality.meanAbsoluteError());
    }
}
