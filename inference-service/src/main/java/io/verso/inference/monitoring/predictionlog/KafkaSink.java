package io.verso.inference.monitoring.predictionlog;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.verso.inference.dataplane.InferenceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces each record's two CloudEvents ({@link PredictionEvents}) to one Kafka topic in the CloudEvents Kafka
 * binding's binary mode ({@code ce_*} headers, V2 JSON as value), keyed by request id so a request and its response
 * share a partition. The producer is asynchronous; a record counts as delivered once both events are acknowledged.
 * While the brokers are unreachable, {@code send} waits at most {@code max.block.ms} (1 s unless configured) on
 * the writer thread and unsent events expire after {@code delivery.timeout.ms}: the log's queue fills and drops,
 * and delivery resumes when a broker answers again.
 */
public final class KafkaSink implements PredictionSink {

    private final String topic;
    private final PredictionEvents events;
    private final KafkaProducer<String, CloudEvent> producer;

    /**
     * @param properties producer settings over the sink's defaults (security, acks, compression...)
     */
    public KafkaSink(String bootstrapServers, String topic, Map<String, String> properties, java.net.URI source,
                     int maxEventBytes) {
        this.topic = topic;
        this.events = new PredictionEvents(source, maxEventBytes);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "verso-prediction-log");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(1).toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // A broker that is down is retried every few seconds, not every 50 ms (each retry logs).
        config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 1000);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) Duration.ofSeconds(10).toMillis());
        config.putAll(properties);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer());
    }

    @Override
    public void write(InferenceRecord record, Instant time, Delivery delivery) {
        List<CloudEvent> both = events.of(record, time);
        AtomicInteger pending = new AtomicInteger(both.size());
        long bytes = both.stream().mapToLong(event -> event.getData() == null ? 0 : event.getData().toBytes().length)
                .sum();
        try {
            for (CloudEvent event : both) {
                producer.send(new ProducerRecord<>(topic, record.requestId(), event), (metadata, failure) -> {
                    if (failure != null) {
                        // Only the first failure of the pair reports; the other finds pending already spent.
                        if (pending.getAndSet(-1) > 0) {
                            delivery.failed(failure);
                        }
                    } else if (pending.decrementAndGet() == 0) {
                        delivery.delivered(bytes);
                    }
                });
            }
        } catch (RuntimeException e) {
            // No metadata within max.block.ms, or the producer is closed.
            if (pending.getAndSet(-1) > 0) {
                delivery.failed(e);
            }
        }
    }

    @Override
    public void flush() {
        // The producer sends on its own thread after linger.ms; waiting here would only stall the writer.
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
