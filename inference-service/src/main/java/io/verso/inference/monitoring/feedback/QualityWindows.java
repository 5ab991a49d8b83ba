package io.verso.inference.monitoring.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.monitoring.Task;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

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

    QualityWindows(int windowSize, MeterRegistry registry) {
        this.windowSize = windowSize;
        this.registry = registry;
    }

    /** @param score 1 or 0 (correct or not) for classification, the absolute error for regression */
    void add(String model, long version, String slice, Task task, double score) {
        Key key = new Key(model, version, slice);
        Window window = windows.computeIfAbsent(key, k -> register(k, task));
        window.add(score);
        String outcome = task == Task.REGRESSION ? "scored" : score == 1 ? "correct" : "incorrect";
        Counter.builder("verso.feedback").description("Feedback rows scored")
                .tags("model", model, "version", Long.toString(version), "slice", slice, "outcome", outcome)
                .register(registry).increment();
    }

    /** The quality of each slice of a version, by slice name. */
    Map<String, SliceQuality> report(String model, long version) {
        Map<String, SliceQuality> slices = new TreeMap<>();
        windows.forEach((key, window) -> {
            if (key.model().equals(model) && key.version() == version) {
                slices.put(key.slice(), window.quality());
            }
        });
        return slices;
    }

    int windowSize() {
        return windowSize;
    }

    private Window register(Key key, Task task) {
        Window window = new Window(task, windowSize);
        String name = task == Task.REGRESSION ? "verso.model.mae" : "verso.model.accuracy";
        Gauge.builder(name, window, w -> w.quality().value())
                .description(task == Task.REGRESSION ? "Mean absolute error over the feedback window"
                        : "Accuracy over the feedback window")
                .tags("model", key.model(), "version", Long.toString(key.version()), "slice", key.slice())
                .strongReference(true).register(registry);
        return window;
    }

    /**
     * One slice's quality over its window.
     *
     * @param count rows in the window
     * @param value accuracy or mean absolute error; NaN while the window is empty
     */
    record SliceQuality(Task task, int count, double value) {
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

        synchronized SliceQuality quality() {
            return new SliceQuality(task, count, count == 0 ? Double.NaN : sum / count);
        }
    }
}
