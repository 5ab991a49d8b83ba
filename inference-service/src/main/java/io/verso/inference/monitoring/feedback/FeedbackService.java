package io.verso.inference.monitoring.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.monitoring.ModelMonitoring;
import io.verso.inference.monitoring.MonitoringSettings;
import io.verso.inference.monitoring.PredictedRows;
import io.verso.inference.monitoring.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Keeps every answered prediction that can be scored in {@link RecentPredictions} and scores feedback against it:
 * each label row is compared with the predicted row and the score goes to the row's slice window.
 */
public final class FeedbackService implements InferenceObserver {

    private final MonitoringSettings settings;
    private final RecentPredictions recent;
    private final QualityWindows quality;
    private final Counter unmatched;

    FeedbackService(MonitoringSettings settings, RecentPredictions recent, QualityWindows quality,
                    MeterRegistry registry) {
        this.settings = settings;
        this.recent = recent;
        this.quality = quality;
        this.unmatched = Counter.builder("verso.feedback.unmatched")
                .description("Feedback items whose prediction was unknown or no longer kept").register(registry);
    }

    /**
     * @param maxPredictions predictions kept for feedback
     * @param maxRows rows of the kept predictions together
     * @param maxAge how long a prediction waits for feedback
     * @param windowSize scored rows per version and slice that quality is computed over
     */
    public static FeedbackService create(MonitoringSettings settings, int maxPredictions, long maxRows,
                                         Duration maxAge,
                                         int windowSize, MeterRegistry registry) {
        return new FeedbackService(settings, new RecentPredictions(maxPredictions, maxRows, maxAge,
                Clock.systemUTC()),
                new QualityWindows(windowSize, registry), registry);
    }

    @Override
    public void completed(InferenceRecord record) {
        if (!record.succeeded()) {
            return;
        }
        ModelMonitoring model = settings.forModel(record.model());
        PredictedRows rows = PredictedRows.of(model, record.outputs());
        if (rows == null) {
            return;
        }
        List<String> slices = new ArrayList<>(rows.rows());
        for (int row = 0; row < rows.rows(); row++) {
            slices.add(model.slicer().slice(record, row));
        }
        recent.add(record.requestId(), new RecentPredictions.Prediction(record.model(), record.version(), rows,
                List.copyOf(slices), recent.now(), record.traceId()));
    }

    /** Scores the labels of one request's rows (one label per row, in row order). */
    public Result submit(String requestId, List<Label> labels) {
        RecentPredictions.Prediction prediction = recent.get(requestId);
        if (prediction == null) {
            unmatched.increment();
            return Result.notFound("no recent prediction has request id '" + requestId
                    + "' (unknown, already scored, or no longer kept)");
        }
        PredictedRows rows = prediction.rows();
        if (labels.size() != rows.rows()) {
            return Result.invalid("request '" + requestId + "' predicted " + rows.rows() + " rows but "
                    + labels.size() + " labels were given");
        }
        double[] scores = new double[labels.size()];
        for (int row = 0; row < labels.size(); row++) {
            Label label = labels.get(row);
            if (rows.task() == Task.CLASSIFICATION) {
                scores[row] = rows.classes().get(row).equals(label.text()) ? 1 : 0;
            } else if (label.number() == null) {
                return Result.invalid("model '" + prediction.model() + "' is scored as regression: label "
                        + (row + 1) + " must be a number, not \"" + label.text() + "\"");
            } else {
                scores[row] = Math.abs(rows.values()[row] - label.number());
            }
        }
        if (!recent.remove(requestId, prediction)) {
            // Scored by a concurrent submission in the meantime.
            return Result.notFound("request '" + requestId + "' was already scored");
        }
        for (int row = 0; row < scores.length; row++) {
            quality.add(prediction.model(), prediction.version(), prediction.slices().get(row), rows.task(),
                    scores[row]);
        }
        return Result.matched(prediction.model(), prediction.version(), prediction.traceId());
    }

    /** A version's quality per slice over each slice's window. */
    public Map<String, Quality> quality(String model, long version) {
        return quality.report(model, version);
    }

    /**
     * A version's accuracy or MAE over its last {@code window} scored rows, all slices together; empty before any
     * feedback. For the registry summary.
     */
    public Optional<Quality> versionQuality(String model, long version) {
        return Optional.ofNullable(quality.versionReport(model, version));
    }

    /** Scored rows a quality window covers. */
    public int windowSize() {
        return quality.windowSize();
    }

    /** Drops the quality windows (and gauges) of versions {@code live} rejects; their feedback counters stay. */
    public void retain(BiPredicate<String, Long> live) {
        quality.retain(live);
    }

    /**
     * What became of one feedback item.
     *
     * @param traceId of the scored prediction, so feedback can be joined with its trace; null when unknown
     */
    public record Result(Status status, String model, long version, String traceId, String error) {

        public enum Status { MATCHED, NOT_FOUND, INVALID }

        static Result matched(String model, long version, String traceId) {
            return new Result(Status.MATCHED, model, version, traceId, null);
        }

        static Result notFound(String error) {
            return new Result(Status.NOT_FOUND, null, 0, null, error);
        }

        public static Result invalid(String error) {
            return new Result(Status.INVALID, null, 0, null, error);
        }
    }
}
