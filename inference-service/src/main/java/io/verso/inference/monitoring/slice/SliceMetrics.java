package io.verso.inference.monitoring.slice;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.monitoring.ModelMonitoring;
import io.verso.inference.monitoring.MonitoringSettings;
import io.verso.inference.monitoring.PredictedRows;
import io.verso.inference.monitoring.Task;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Latency and prediction distribution per slice, for answered calls of models that configure slicing:
 * {@code verso_slice_requests_seconds{model,version,slice}} (a call whose rows fall in several slices counts once
 * in each) and, for classification, {@code verso_slice_predictions_total{model,version,slice,class}} per row.
 */
public final class SliceMetrics implements InferenceObserver {

    /** A few buckets: slices multiply series, and the per-version p99 is in the request metrics. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};

    private final MeterRegistry registry;
    private final MonitoringSettings settings;

    public SliceMetrics(MeterRegistry registry, MonitoringSettings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public void completed(InferenceRecord record) {
        ModelMonitoring model = settings.forModel(record.model());
        if (!record.succeeded() || model.slicer() == Slicer.NONE) {
            return;
        }
        PredictedRows rows = PredictedRows.of(model, record.outputs());
        if (rows == null) {
            return;
        }
        String version = Long.toString(record.version());
        Set<String> slices = new LinkedHashSet<>();
        for (int row = 0; row < rows.rows(); row++) {
            String slice = model.slicer().slice(record, row);
            slices.add(slice);
            if (rows.task() == Task.CLASSIFICATION) {
                Counter.builder("verso.slice.predictions").description("Predicted classes per slice")
                        .tags("model", record.model(), "version", version, "slice", slice,
                                "class", rows.classes().get(row))
                        .register(registry).increment();
            }
        }
        for (String slice : slices) {
            Timer.builder("verso.slice.requests").description("Inference calls per slice: total time")
                    .tags("model", record.model(), "version", version, "slice", slice)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry).record(record.totalNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
