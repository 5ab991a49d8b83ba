package io.verso.inference.monitoring.drift;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.verso.contracts.FeatureBaseline;
import io.verso.inference.model.TensorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Drift and skew of every monitored model version. A version is monitored once a baseline is found for it (looked
 * up at its first request or report, and again at most every {@link #RECHECK_MILLIS} while it has none, so a
 * baseline file added later is picked up). Each monitored feature exports gauges {@code verso_drift_psi},
 * {@code verso_drift_js_distance}, {@code verso_drift_linf} (NaN until measured) and
 * {@code verso_drift_breach{metric}} (0/1), computed from the window when scraped; skew is counted in
 * {@code verso_skew_total{kind}}. Versions that leave the pod are dropped with their meters ({@link #retain}).
 */
public final class DriftMonitor {

    static final long RECHECK_MILLIS = 10_000;

    private final BaselineSource baselines;
    private final Function<String, ModelDriftSettings> settings;
    private final DriftWindow window;
    private final LongSupplier clock;
    private final MeterRegistry meters;
    private final Map<Key, Monitored> versions = new ConcurrentHashMap<>();

    private record Key(String model, long version) {
    }

    /** A version's monitor and meters, or (monitor null) a version without baseline as of {@code checkedAt}. */
    private record Monitored(VersionMonitor monitor, List<Meter> meters, long checkedAt) {
    }

    public DriftMonitor(BaselineSource baselines, Function<String, ModelDriftSettings> settings,
                        DriftWindow window, LongSupplier clock, MeterRegistry meters) {
        this.baselines = baselines;
        this.settings = settings;
        this.window = window;
        this.clock = clock;
        this.meters = meters;
    }

    /** Counts one request's inputs against the version's baseline; nothing when it has none. */
    public void observe(String model, long version, Map<String, TensorValue> inputs) {
        monitor(model, version).ifPresent(monitor -> monitor.observe(inputs));
    }

    /** The version's drift report; empty when it has no baseline. */
    public Optional<DriftReport> report(String model, long version) {
        return monitor(model, version).map(monitor -> {
            List<FeatureReport> features = monitor.report();
            return new DriftReport(model, version, monitor.window().toSeconds(), monitor.thresholds(),
                    features.stream().anyMatch(FeatureReport::anyBreached), features);
        });
    }

    /** Forgets the versions {@code live} rejects, with their meters. */
    public void retain(BiPredicate<String, Long> live) {
        versions.entrySet().removeIf(entry -> {
            if (live.test(entry.getKey().model(), entry.getKey().version())) {
                return false;
            }
            entry.getValue().meters().forEach(meters::remove);
            return true;
        });
    }

    /** The versions monitored now, for the pod's summary. */
    public List<DriftReport> reports() {
        List<DriftReport> reports = new ArrayList<>();
        versions.forEach((key, monitored) -> {
            if (monitored.monitor() != null) {
                report(key.model(), key.version()).ifPresent(reports::add);
            }
        });
        return reports;
    }

    private Optional<VersionMonitor> monitor(String model, long version) {
        Key key = new Key(model, version);
        Monitored known = versions.get(key);
        if (known != null && (known.monitor() != null || clock.getAsLong() - known.checkedAt() < RECHECK_MILLIS)) {
            return Optional.ofNullable(known.monitor());
        }
        Monitored found = versions.compute(key, (k, current) -> {
            if (current != null && (current.monitor() != null
                    || clock.getAsLong() - current.checkedAt() < RECHECK_MILLIS)) {
                return current;
            }
            return start(model, version);
        });
        return Optional.ofNullable(found.monitor());
    }

    private Monitored start(String model, long version) {
        Map<String, FeatureBaseline> features = baselines.baselines(model, version);
        if (features.isEmpty()) {
            return new Monitored(null, List.of(), clock.getAsLong());
        }
        ModelDriftSettings modelSettings = settings.apply(model);
        Tags versionTags = Tags.of("model", model, "version", Long.toString(version));
        Map<String, Counter> skewCounters = new ConcurrentHashMap<>();
        // Skew counters join the list as skew first shows, from the worker, while retain() may read it.
        List<Meter> registered = new CopyOnWriteArrayList<>();
        VersionMonitor monitor = new VersionMonitor(features, modelSettings.columns(), modelSettings.thresholds(),
                window, clock, (feature, kind, values) -> skewCounters.computeIfAbsent(feature + "/" + kind.label(),
                        k -> {
                            Counter counter = Counter.builder("verso.skew")
                                    .description("Serving values showing training-serving skew, per feature and kind")
                                    .tags(versionTags).tags("feature", feature, "kind", kind.label())
                                    .register(meters);
                            registered.add(counter);
                            return counter;
                        }).increment(values));
        for (String feature : monitor.featureNames()) {
            Tags tags = versionTags.and("feature", feature);
            registered.add(gauge("verso.drift.psi", "Population stability index of the window against the baseline",
                    tags, monitor, feature, r -> orNaN(r.psi())));
            registered.add(gauge("verso.drift.js.distance", "Jensen-Shannon distance (base 2) against the baseline",
                    tags, monitor, feature, r -> orNaN(r.jsDistance())));
            registered.add(gauge("verso.drift.linf", "Categorical L-infinity distance against the baseline",
                    tags, monitor, feature, r -> orNaN(r.lInfinity())));
            for (DriftMetric metric : DriftMetric.values()) {
                registered.add(gauge("verso.drift.breach", "1 when the feature's drift is above the threshold",
                        tags.and("metric", metric.label()), monitor, feature,
                        r -> Boolean.TRUE.equals(r.breached().get(metric.label())) ? 1 : 0));
            }
        }
        return new Monitored(monitor, registered, clock.getAsLong());
    }

    private Meter gauge(String name, String description, Tags tags, VersionMonitor monitor, String feature,
                        ToDoubleFunction<FeatureReport> value) {
        return Gauge.builder(name, monitor, m -> value.applyAsDouble(m.report(feature)))
                .description(description).tags(tags).register(meters);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
