package io.verso.inference.monitoring.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.monitoring.Task;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiPredicate;

/**
 * Model quality from scored feedback rows, per model version and slice, over a sliding window of the last
 * {@code windowSize} rows of each. Exposed as {@code verso_model_accuracy{model,version,slice}} (classification),
 * {@code verso_model_mae{...}} (regression) and {@code verso_feedback_total{model,version,slice,outcome}}
 * ({@code correct}/{@code incorrect}, or {@code scored} for regression). Keys come from served predictions, whose
 * slices are bounded, so series stay few.
 */
final class QualityWindows {

    private record Key(String model, long version, String slice) {
    }

    private final int windowSize;
    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Window> windows = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Meter> gauges = new ConcurrentHashMap<>();
    /** The version's last rows whatever their slice: a window of its own, not a mix of the slices' windows. */
    private final ConcurrentMap<Key, Window> versions = new ConcurrentHashMap<>();

    QualityWindows(int windowSize, MeterRegistry registry) {
        this.windowSize = windowSize;
        this.registry = registry;
    }

    /** @param score 1 or 0 (correct or not) for classification, the absolute error for regression */
    void add(String model, long version, String slice, Task task, double score) {
        Key key = new Key(model, version, slice);
        windows.computeIfAbsent(key, k -> register(k, task)).add(score);
        versions.computeIfAbsent(new Key(model, version, null), k -> new Window(task, windowSize)).add(score);
        String outcome = task == Task.REGRESSION ? "scored" : score == 1 ? "correct" : "incorrect";
        Counter.builder("verso.feedback").description("Feedback rows scored")
                .tags("model", model, "version", Long.toString(version), "slice", slice, "outcome", outcome)
                .register(registry).increment();
    }

    /** The quality of each slice of a version, by slice name. */
    Map<String, Quality> report(String model, long version) {
        Map<String, Quality> slices = new TreeMap<>();
        windows.forEach((key, window) -> {
            if (key.model().equals(model) && key.version() == version) {
                slices.put(key.slice(), window.quality());
            }
        });
        return slices;
    }

    /** The quality of a version over its last rows across slices; null before any feedback. */
    Quality versionReport(String model, long version) {
        Window window = versions.get(new Key(model, version, null));
        return window == null ? null : window.quality();
    }

    int windowSize() {
        return windowSize;
    }

    /** Forgets the windows of versions {@code live} rejects, and removes their gauges. */
    void retain(BiPredicate<String, Long> live) {
        windows.keySet().removeIf(key -> {
            if (live.test(key.model(), key.version())) {
                return false;
            }
            Meter gauge = gauges.remove(key);
            if (gauge != null) {
                registry.remove(gauge);
            }
            return true;
        });
        versions.keySet().removeIf(key -> !live.test(key.model(), key.version()));
    }

    private Window register(Key key, Task task) {
        Window window = new Window(task, windowSize);
        String name = task == Task.REGRESSION ? "verso.model.mae" : "verso.model.accuracy";
        gauges.put(key, Gauge.builder(name, window, w -> w.quality().value())
                .description(task == Task.REGRESSION ? "Mean absolute error over the feedback window"
                        : "Accuracy over the feedback window")
                .tags("model", key.model(), "version", Long.toString(key.version()), "slice", key.slice())
                .strongReference(true).register(registry));
        return window;
    }

    /** A ring of the last scores with their running sum. */
    private static final class Window {

        private final Task task;
        private final double[] scores;
        private int next;
        private int count;
        private double sum;

        Window(Task task, int size) {
            this.task = task;
            this.scores = new double[size];
        }

        synchronized void add(double score) {
            if (count == scores.length) {
                sum -= scores[next];
            } else {
                count++;
            }
            scores[next] = score;
            sum += score;
            next = (next + 1) % scores.length;
        }

        synchronized Quality quality() {
            return new Quality(task, count, count == 0 ? Double.NaN : sum / count);
        }
    }
}
