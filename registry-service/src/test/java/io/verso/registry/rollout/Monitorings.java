package io.verso.registry.rollout;

import io.verso.contracts.LatencyHistogram;
import io.verso.registry.analysis.VersionMonitoring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** {@link VersionMonitoring} values for the pure tests, built as the aggregation would build them. */
final class Monitorings {

    private Monitorings() {
    }

    /** {@code requests} calls, all with a latency in bucket {@code latencyBucket}; no drift, no feedback. */
    static VersionMonitoring of(long requests, long errors, int latencyBucket, Instant at) {
        return with(requests, errors, latencyBucket, null, null, null, at);
    }

    static VersionMonitoring with(long requests, long errors, int latencyBucket, Double maxPsi, Long feedback,
                                  Double accuracy, Instant at) {
        List<Long> counts = new ArrayList<>(Collections.nCopies(LatencyHistogram.BOUNDS_MS.size() + 1, 0L));
        counts.set(latencyBucket, requests);
        LatencyHistogram latency = new LatencyHistogram(counts);
        return new VersionMonitoring("m", 1, 1, 600, requests, errors,
                requests == 0 ? null : (double) errors / requests, latency, latency.quantileMs(0.5),
                latency.quantileMs(0.99), maxPsi, List.of(), feedback, accuracy, null, at);
    }
}
