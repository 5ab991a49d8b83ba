package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.json.Json;
import io.verso.inference.model.json.JsonTensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The prediction log over real HTTP: what it writes, and that a stalled disk costs records, not latency. */
class PredictionLogIT extends MonitoringServerSupport {

    @Autowired
    MeterRegistry registry;

    @Test
    void writesTheRequestAndItsAnswerAsOneJsonLine() {
        postJson("/v2/models/half_plus_two/infer", """
                {"inputs": [{"name": "x", "datatype": "FP32", "shape": [3], "data": [1.0, 2.0, 5.0]}]}""",
                "X-Request-Id", "logged-1").expectStatus().isOk();
        postJson("/v1/models/classifier:predict", "{\"instances\": [[1.0, 0.0, 3.0]]}", "X-Request-Id", "not-logged")
                .expectStatus().isOk();

        JsonNode line = awaitLine("logged-1");
        assertThat(line.get("model").stringValue()).isEqualTo("half_plus_two");
        assertThat(line.get("version").longValue()).isEqualTo(123);
        assertThat(line.get("signature").stringValue()).isEqualTo("serving_default");
        assertThat(line.get("api").stringValue()).isEqualTo("v2");
        assertThat(line.get("truncated").booleanValue()).isFalse();
        assertThat(tensor(line.get("inputs").get("x")).floats()).containsExactly(1f, 2f, 5f);
        assertThat(tensor(line.get("outputs").get("y")).floats()).containsExactly(2.5f, 3f, 4.5f);
        assertThat(line.get("time").stringValue()).endsWith("Z");
        // The classifier sets no rate and the global rate is 0.
        assertThat(find("not-logged")).isEmpty();
    }

    @Test
    void aStalledDiskDropsAndCountsRecordsWhileRequestsGoOn() {
        double writtenBefore = counter("verso.prediction.log.records");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.get("verso.prediction.log.queued").gauge().value() == 0);
        double droppedBefore = dropped();
        disk.stall();
        try {
            postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0]}", "X-Request-Id", "stuck-0")
                    .expectStatus().isOk();
            await().atMost(Duration.ofSeconds(30)).until(disk::writerStalled);

            // The writer is stuck on "stuck-0": the queue fills, and every further record is dropped.
            int requests = 20;
            for (int i = 1; i <= requests; i++) {
                postJson("/v1/models/half_plus_two:predict", "{\"instances\": [1.0]}", "X-Request-Id", "stuck-" + i)
                        .expectStatus().isOk();
            }
            assertThat(disk.writerStalled()).as("all requests were answered while the writer was stuck").isTrue();
            // The last record may be offered just after its answer went out.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(dropped() - droppedBefore).isEqualTo(requests - LOG_QUEUE_CAPACITY));
            assertThat(disk.writerStalled()).isTrue();
        } finally {
            disk.resume();
        }
        // The record in hand and the queued ones reach the files once the disk answers again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(counter("verso.prediction.log.records") - writtenBefore)
                        .isEqualTo(1 + LOG_QUEUE_CAPACITY));
        assertThat(awaitLine("stuck-0")).isNotNull();
        assertThat(awaitLine("stuck-" + LOG_QUEUE_CAPACITY)).isNotNull();
        assertThat(find("stuck-" + (LOG_QUEUE_CAPACITY + 1))).isEmpty();
        assertThat(prometheus().value("verso_prediction_log_dropped_total", "reason", "queue_full"))
                .hasValueSatisfying(dropped -> assertThat(dropped).isGreaterThanOrEqualTo(
                        20 - LOG_QUEUE_CAPACITY));
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double dropped() {
        return registry.get("verso.prediction.log.dropped").tag("reason", "queue_full").counter().count();
    }

    private static TensorValue tensor(JsonNode node) {
        JsonNode shape = node.get("shape");
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).longValue();
        }
        return JsonTensors.readShaped(node.get("data"), DataType.valueOf(node.get("datatype").stringValue()), dims,
                "logged");
    }

    private static JsonNode awaitLine(String requestId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(requestId), Optional::isPresent).get();
    }

    /** Reads complete files and the one being written: the writer flushes whenever its queue runs empty. */
    private static Optional<JsonNode> find(String requestId) {
        if (!Files.isDirectory(PREDICTION_LOG)) {
            return Optional.empty();
        }
        List<JsonNode> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(PREDICTION_LOG)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    try {
                        lines.add(Json.MAPPER.readTree(line));
                    } catch (JacksonException e) {
                        // The last line of the file being written may be half there.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines.stream().filter(l -> l.get("request_id").stringValue().equals(requestId)).findFirst();
    }
}
