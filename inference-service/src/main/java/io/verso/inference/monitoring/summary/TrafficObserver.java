package io.verso.inference.monitoring.summary;

import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;

/** Counts every finished call in its version's traffic window: constant work, on the finishing thread. */
public final class TrafficObserver implements InferenceObserver {

    private final VersionTraffic traffic;

    public TrafficObserver(VersionTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void completed(InferenceRecord record) {
        traffic.record(record.model(), record.version(), !record.succeeded(), record.totalNanos());
    }
}
