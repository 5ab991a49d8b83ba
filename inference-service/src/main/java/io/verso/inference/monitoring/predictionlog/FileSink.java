package io.verso.inference.monitoring.predictionlog;

import io.verso.inference.dataplane.InferenceRecord;
import java.io.IOException;
import java.time.Instant;

/** Appends each record as a JSON line ({@link PredictionLogEncoder}) to {@link RotatingJsonlFiles}. */
final class FileSink implements PredictionSink {

    private final PredictionLogEncoder encoder;
    private final RotatingJsonlFiles files;

    FileSink(PredictionLogEncoder encoder, RotatingJsonlFiles files) {
        this.encoder = encoder;
        this.files = files;
    }

    @Override
    public void write(InferenceRecord record, Instant time, Delivery delivery) {
        byte[] line = encoder.encode(record, time);
        try {
            files.write(line);
            delivery.delivered(line.length);
        } catch (IOException | RuntimeException e) {
            delivery.failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        files.flush();
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
