package io.verso.inference.monitoring;

import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every record the data plane reports, for tests to look up by request id. */
public class RecordingObserver implements InferenceObserver {

    private final List<InferenceRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void completed(InferenceRecord record) {
        records.add(record);
    }

    public List<InferenceRecord> forRequest(String requestId) {
        return records.stream().filter(r -> r.requestId().equals(requestId)).toList();
    }
}
