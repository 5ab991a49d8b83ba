package io.verso.inference.monitoring.predictionlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.monitoring.BoundedHandoff;
import io.verso.inference.monitoring.MonitoringSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples answered calls at their model's rate and hands them to one writer thread through a bounded queue. The
 * calling thread only offers: when the queue is full the record is dropped and counted, so a slow or stuck disk, or
 * a collector that is down, never delays a request. The writer encodes (off the request path) and delivers to its
 * {@link PredictionSink}: rotating files, CloudEvents over HTTP or Kafka.
 * <p>
 * Meters: {@code verso_prediction_log_records_total} (delivered), {@code verso_prediction_log_bytes_total},
 * {@code verso_prediction_log_dropped_total{reason}} ({@code queue_full}, or {@code write_failed} when the sink
 * failed it) and the gauge {@code verso_prediction_log_queued}.
 */
public final class PredictionLog implements InferenceObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PredictionLog.class);
    /** How long the writer waits for a record before flushing what it wrote. */
    private static final Duration IDLE_FLUSH = Duration.ofMillis(200);

    private final MonitoringSettings settings;
    private final BoundedHandoff<Sampled> queue;
    private final PredictionSink sink;
    private final Clock clock;
    private final Counter records;
    private final Counter bytes;
    private final Counter droppedQueueFull;
    private final Counter droppedWriteFailed;
    private final Thread writer;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final PredictionSink.Delivery delivery = new PredictionSink.Delivery() {
        @Override
        public void delivered(long written) {
            records.increment();
            bytes.increment(written);
            if (failing.compareAndSet(true, false)) {
                log.info("Prediction log: delivering again");
            }
        }

        @Override
        public void failed(Exception cause) {
            droppedWriteFailed.increment();
            // Once per outage, not once per record: a sink that is down fails every record.
            if (failing.compareAndSet(false, true)) {
                log.warn("Prediction log: delivery failed, dropping records until it works again: {}",
                        cause.toString());
            }
        }
    };
    private volatile boolean closing;

    private record Sampled(InferenceRecord record, Instant time) {
    }

    PredictionLog(MonitoringSettings settings, BoundedHandoff<Sampled> queue, PredictionSink sink, Clock clock,
                  MeterRegistry registry) {
        this.settings = settings;
        this.queue = queue;
        this.sink = sink;
        this.clock = clock;
        this.records = Counter.builder("verso.prediction.log.records").description("Prediction log records written")
                .register(registry);
        this.bytes = Counter.builder("verso.prediction.log.bytes").baseUnit("bytes")
                .description("Prediction log bytes written").register(registry);
        this.droppedQueueFull = dropped(registry, "queue_full");
        this.droppedWriteFailed = dropped(registry, "write_failed");
        Gauge.builder("verso.prediction.log.queued", queue, BoundedHandoff::size)
                .description("Prediction log records waiting for the writer").register(registry);
        this.writer = new Thread(this::writeLoop, "prediction-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * A log writing to {@code sink}.
     *
     * @param queueCapacity  records waiting for the writer
     * @param queueMaxValues tensor values (inputs and outputs) of the waiting records together
     */
    public static PredictionLog open(MonitoringSettings settings, PredictionSink sink, int queueCapacity,
                                     long queueMaxValues, MeterRegistry registry) {
        return new PredictionLog(settings, new BoundedHandoff<>(queueCapacity, queueMaxValues), sink,
                Clock.systemUTC(), registry);
    }

    /**
     * The sink of JSON lines in rotating files under {@code directory}.
     *
     * @param maxRecordBytes records over this keep only a prefix of their tensors' data
     */
    public static PredictionSink files(Path directory, long maxFileBytes, int maxFiles, Duration maxFileAge,
                                       int maxRecordBytes, StreamOpener opener) throws IOException {
        return new FileSink(new PredictionLogEncoder(maxRecordBytes),
                new RotatingJsonlFiles(directory, maxFileBytes, maxFiles, maxFileAge, opener, Clock.systemUTC()));
    }

    private static Counter dropped(MeterRegistry registry, String reason) {
        return Counter.builder("verso.prediction.log.dropped").tag("reason", reason)
                .description("Prediction log records dropped instead of written").register(registry);
    }

    @Override
    public void completed(InferenceRecord record) {
        double rate = settings.forModel(record.model()).predictionLogRate();
        if (!record.succeeded() || rate <= 0 || closing
                || (rate < 1 && ThreadLocalRandom.current().nextDouble() >= rate)) {
            return;
        }
        long values = BoundedHandoff.valuesOf(record.inputs()) + BoundedHandoff.valuesOf(record.outputs());
        if (!queue.offer(new Sampled(record, clock.instant()), values)) {
            droppedQueueFull.increment();
        }
    }

    private void writeLoop() {
        while (!closing || !queue.isEmpty()) {
            try {
                Sampled next = queue.poll(IDLE_FLUSH.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    write(next);
                }
                if (next == null || queue.isEmpty()) {
                    sink.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("Prediction log: writing failed: {}", e.toString());
            }
        }
    }

    private void write(Sampled sampled) {
        try {
            sink.write(sampled.record(), sampled.time(), delivery);
        } catch (RuntimeException e) {
            // Encoding failed: a bug for this record only, the next one may pass.
            delivery.failed(e);
        }
    }

    /** Writes what is queued, then closes the sink (completes the current file, sends what a producer holds). */
    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        writer.join(Duration.ofSeconds(10).toMillis());
        if (writer.isAlive()) {
            writer.interrupt();
            log.warn("Prediction log: writer did not finish within 10 s; {} queued records lost", queue.size());
            return;
        }
        sink.close();
    }
}
