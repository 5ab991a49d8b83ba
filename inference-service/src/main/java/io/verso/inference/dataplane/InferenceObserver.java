package io.verso.inference.dataplane;

/**
 * Told about every finished inference call, success or failure. Must not block: it runs on the inference or
 * batch thread that finished the call, so implementations hand work off (queue, sample, drop).
 */
public interface InferenceObserver {

    void completed(InferenceRecord record);
}
