package io.verso.inference.monitoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.verso.inference.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The prediction log's Kafka sink against a real broker: Kafka's own KRaft test kit (one combined broker and
 * controller, in this JVM). The service starts while no broker is there yet (nothing listens at its bootstrap
 * address): predictions answer, records are dropped and counted. Then the broker comes up, reachable at that
 * address through a {@link TcpForwarder} (the kit picks its own ports), and delivery starts by itself, each call
 * as KServe's request and response CloudEvents in the Kafka binding's binary mode.
 */
@DirtiesContext
class KafkaSinkIT extends SinkServerSupport {

    static final int PORT = freePort();
    static final String TOPIC = "verso-predictions";
    static KafkaClusterTestKit broker;
    static TcpForwarder bootstrap;

    @DynamicPropertySource
    static void sink(DynamicPropertyRegistry registry) {
        halfPlusTwoLoggedTo(registry, "kafka");
        registry.add(LOG + "kafka.bootstrap-servers", () -> "127.0.0.1:" + PORT);
        registry.add(LOG + "kafka.topic", () -> TOPIC);
        registry.add(LOG + "kafka.properties.delivery.timeout.ms", () -> "3000");
        registry.add(LOG + "kafka.properties.request.timeout.ms", () -> "2000");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (bootstrap != null) {
            bootstrap.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void predictionsAnswerWhileNoBrokerIsThereAndDeliveryStartsWhenOneComes() throws Exception {
        double droppedBefore = dropped();
        IntStream.range(0, 12).forEach(i -> predict("no-broker-" + i));
        await().atMost(Duration.ofSeconds(30)).until(() -> dropped() > droppedBefore);
        assertThat(delivered()).isZero();

        broker = startBroker();
        String brokerAddress = broker.bootstrapServers().split(",")[0];
        int brokerPort = Integer.parseInt(brokerAddress.substring(brokerAddress.lastIndexOf(':') + 1));
        bootstrap = TcpForwarder.start(PORT, brokerPort);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORT))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            // The sink's producer may have had the broker create the topic first.
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        await("delivery resumes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            predict("with-broker-" + System.nanoTime());
            return delivered() > 0;
        });

        List<ConsumerRecord<String, CloudEvent>> records = consumeAll();
        List<ConsumerRecord<String, CloudEvent>> delivered = records.stream()
                .filter(r -> r.key().startsWith("with-broker-")).toList();
        assertThat(delivered).isNotEmpty();
        // The first calls after the broker came back may have lost one of their two events while the topic was
        // being created (counted as dropped); a call logged since must have both.
        Map<String, List<CloudEvent>> byRequest = delivered.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, LinkedHashMap::new, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        String requestId = byRequest.entrySet().stream().filter(e -> e.getValue().size() == 2).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("no call with both events in " + byRequest.keySet()));
        List<CloudEvent> pair = byRequest.get(requestId);
        assertThat(pair).extracting(CloudEvent::getType).containsExactlyInAnyOrder(
                "org.kubeflow.serving.inference.request", "org.kubeflow.serving.inference.response");
        CloudEvent response = pair.stream().filter(e -> e.getType().endsWith("response")).findFirst().orElseThrow();
        assertThat(response.getId()).isEqualTo(requestId);
        assertThat(response.getExtension("inferenceservicename")).isEqualTo("half_plus_two");
        assertThat(Json.MAPPER.readTree(response.getData().toBytes()).at("/outputs/0/data").toString())
                .isEqualTo("[2.5,3.0]");
        // The binary mode: CloudEvents attributes are Kafka headers.
        ConsumerRecord<String, CloudEvent> first = delivered.stream().filter(r -> r.key().equals(requestId))
                .findFirst().orElseThrow();
        assertThat(new String(first.headers().lastHeader("ce_specversion").value(), StandardCharsets.UTF_8))
                .isEqualTo("1.0");
    }

    private static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1)
                .setBaseDirectory(Files.createTempDirectory("verso-kafka-it")).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    private static List<ConsumerRecord<String, CloudEvent>> consumeAll() {
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + PORT,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-sink-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return records.stream().filter(r -> r.key().startsWith("with-broker-")).count() >= 2;
            });
        }
        return records;
    }
}
