package io.verso.inference.monitoring.summary;

import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.monitoring.AnalysisSample;

/**
 * Counts each finished call of the {@link AnalysisSample} in its version's traffic window: constant work, on the
 * finishing thread. A failure counts as an error only when it is the version's fault; calls refused as malformed,
 * and calls a client pinned, are not counted at all.
 */
public final class TrafficObserver implements InferenceObserver {

    private final VersionTraffic traffic;

    public TrafficObserver(VersionTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void completed(InferenceRecord record) {
        if (AnalysisSample.countsForTraffic(record)) {
            traffic.record(record.model(), record.version(), !record.succeeded(), record.totalNanos());
        }
    }
}
