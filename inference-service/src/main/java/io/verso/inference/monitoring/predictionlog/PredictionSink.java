package io.verso.inference.monitoring.predictionlog;

import io.verso.inference.dataplane.InferenceRecord;
import java.io.IOException;
import java.time.Instant;

/**
 * Where the prediction log's writer delivers sampled records: rotating files on the pod ({@link FileSink}), or a
 * collector over the network ({@link CloudEventsHttpSink}, {@link KafkaSink}). Called from the writer thread only,
 * never from a request; a sink may take its time (the log's bounded queue absorbs it, then drops and counts).
 */
public interface PredictionSink extends AutoCloseable {

    /** Delivers one record and tells {@code delivery} once, now or later, whether it arrived. */
    void write(InferenceRecord record, Instant time, Delivery delivery);

    /** The queue is empty for now: push out what is buffered. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;

    /** How a sink reports the fate of one record; may be called from a sink's own I/O thread. */
    interface Delivery {

        void delivered(long bytes);

        void failed(Exception cause);
    }
}
