package io.verso.inference.monitoring.feedback;

import io.verso.inference.monitoring.PredictedRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent predictions by request id, so that feedback arriving later can be scored. Bounded by count, by their rows
 * together (one request may carry a million rows: a count alone would not bound memory) and by age: the oldest go
 * first, and a prediction with more rows than the whole budget is not kept at all. Feedback for a prediction that
 * is gone is reported as not matched.
 */
final class RecentPredictions {

    /** What feedback needs of one prediction: whose it was, what it said per row, and each row's slice. */
    /** @param traceId the prediction's W3C trace id, null when tracing is off */
    record Prediction(String model, long version, PredictedRows rows, List<String> slices, Instant time,
                      String traceId) {
    }

    private final int maxCount;
    private final long maxRows;
    private final Duration maxAge;
    private final Clock clock;
    // Insertion order is time order: eviction takes from the head.
    private final LinkedHashMap<String, Prediction> byRequestId = new LinkedHashMap<>();
    private long rows;

    RecentPredictions(int maxCount, long maxRows, Duration maxAge, Clock clock) {
        this.maxCount = maxCount;
        this.maxRows = maxRows;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    synchronized void add(String requestId, Prediction prediction) {
        if (prediction.rows().rows() > maxRows) {
            return; // it would push out every other prediction and still not fit
        }
        // A client reusing an id replaces the older prediction and moves it to the young end.
        forget(byRequestId.remove(requestId));
        byRequestId.put(requestId, prediction);
        rows += prediction.rows().rows();
        evict();
    }

    synchronized Prediction get(String requestId) {
        evict();
        return byRequestId.get(requestId);
    }

    /** Removes a scored prediction: each prediction is scored once. */
    synchronized boolean remove(String requestId, Prediction prediction) {
        if (!byRequestId.remove(requestId, prediction)) {
            return false;
        }
        forget(prediction);
        return true;
    }

    synchronized int size() {
        return byRequestId.size();
    }

    synchronized long rows() {
        return rows;
    }

    private void forget(Prediction gone) {
        if (gone != null) {
            rows -= gone.rows().rows();
        }
    }

    private void evict() {
        Instant oldest = clock.instant().minus(maxAge);
        Iterator<Map.Entry<String, Prediction>> entries = byRequestId.entrySet().iterator();
        while (entries.hasNext()) {
            Prediction head = entries.next().getValue();
            if (byRequestId.size() <= maxCount && rows <= maxRows && !head.time().isBefore(oldest)) {
                return;
            }
            entries.remove();
            forget(head);
        }
    }
}
