package io.verso.inference.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.testsupport.DemoModelRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * The spans of a pod, collected by the OpenTelemetry SDK's in-memory exporter behind Micrometer Tracing, as Boot
 * wires it: a predict continues the caller's W3C traceparent and shows the data plane's stages as a tree; requests
 * that share a batch are linked from the batch's span; an unsampled caller gets no span but its trace id still
 * reaches the observers (the prediction log, feedback).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.tracing.sampling.probability=1.0",
    "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@AutoConfigureWebTestClient(timeout = "30s")
class TracingIT {

    static final String ROW = "[" + "1,".repeat(15) + "1]";
    static final String SIMPLE_BODY = "{\"inputs\": {\"INPUT0\": [" + ROW + "], \"INPUT1\": [" + ROW + "]}}";
    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    static final List<InferenceRecord> RECORDS = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Collecting {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return SPANS;
        }

        @Bean
        InferenceObserver recordingObserver() {
            return RECORDS::add;
        }
    }

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path", () -> DemoModelRepository.halfPlusTwo().toString());
        // A long timeout and room for all: the concurrent requests of the batched test share one batch.
        registry.add("verso.inference.models[0].batching.max-batch-size", () -> "4");
        registry.add("verso.inference.models[0].batching.batch-timeout", () -> "2s");
        registry.add("verso.inference.models[1].name", () -> "simple");
        registry.add("verso.inference.models[1].base-path", () -> DemoModelRepository.simple().toString());
    }

    @Autowired
    WebTestClient http;

    @LocalServerPort
    int port;

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        SPANS.reset();
        RECORDS.clear();
    }

    @Test
    void aPredictContinuesTheCallersTraceWithOneSpanPerStage() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";
        http.post().uri("/v1/models/simple:predict").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .header("X-Request-Id", "traced-1")
                .bodyValue(SIMPLE_BODY).exchange().expectStatus().isOk();

        Map<String, SpanData> spans = await().atMost(Duration.ofSeconds(10)).until(
                () -> byName(traceId), found -> found.containsKey("verso.encode") && found.containsKey("http post"));
        SpanData server = spans.get("http post");
        assertThat(server.getParentSpanId()).as("the pod's server span is the caller's child").isEqualTo(callerSpan);
        SpanData infer = spans.get("verso.infer");
        assertThat(infer.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(infer.getAttributes().get(AttributeKey.stringKey("verso.model"))).isEqualTo("simple");
        assertThat(infer.getAttributes().get(AttributeKey.stringKey("verso.api"))).isEqualTo("tfserving");
        assertThat(infer.getAttributes().get(AttributeKey.stringKey("verso.request_id"))).isEqualTo("traced-1");
        assertThat(infer.getAttributes().get(AttributeKey.longKey("verso.version"))).isEqualTo(1L);
        for (String stage : List.of("verso.executor.wait", "verso.decode", "verso.validate",
                "verso.tensorflow.run")) {
            assertThat(spans).as(stage).containsKey(stage);
            assertThat(spans.get(stage).getParentSpanId()).as(stage).isEqualTo(infer.getSpanId());
            assertThat(spans.get(stage).getEndEpochNanos()).as(stage)
                    .isGreaterThanOrEqualTo(spans.get(stage).getStartEpochNanos())
                    .isLessThanOrEqualTo(infer.getEndEpochNanos() + 1_000_000);
        }
        assertThat(spans.get("verso.encode").getParentSpanId()).isEqualTo(server.getSpanId());
        // Waits are measured on the monotonic clock and moved onto the wall clock: allow for that move's jitter.
        assertThat(spans.get("verso.executor.wait").getStartEpochNanos())
                .isGreaterThanOrEqualTo(infer.getStartEpochNanos() - 1_000_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> recordOf("traced-1").isPresent());
        assertThat(recordOf("traced-1").orElseThrow().traceId()).isEqualTo(traceId);
    }

    @Test
    void requestsSharingABatchAreLinkedFromTheBatchSpan() {
        List<String> traceIds = IntStream.range(0, 4).mapToObj(i -> "%032x".formatted(0xabc0L + i)).toList();
        // WebClient, not WebTestClient (whose exchange blocks): the four must be in flight together.
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Flux.fromIterable(traceIds).flatMap(traceId -> client.post().uri("/v1/models/half_plus_two:predict")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .bodyValue("{\"instances\": [[1.0]]}").retrieve().toBodilessEntity(), 4)
                .blockLast(Duration.ofSeconds(30));

        List<SpanData> batches = await().atMost(Duration.ofSeconds(10)).until(
                () -> SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals("verso.batch")).toList(),
                found -> found.stream().mapToInt(s -> s.getLinks().size()).sum() == 4);
        assertThat(batches).as("one batch ran all four requests").hasSize(1);
        SpanData batch = batches.get(0);
        assertThat(batch.getLinks()).extracting(link -> link.getSpanContext().getTraceId())
                .containsExactlyInAnyOrderElementsOf(traceIds);
        assertThat(batch.getAttributes().get(AttributeKey.longKey("verso.batch.rows"))).isEqualTo(4L);
        assertThat(batch.getAttributes().get(AttributeKey.longKey("verso.batch.requests"))).isEqualTo(4L);
        // The batch sits in the trace of one of its requests, below that request's call span.
        assertThat(traceIds).contains(batch.getTraceId());
        Map<String, SpanData> parentTrace = byName(batch.getTraceId());
        assertThat(batch.getParentSpanId()).isEqualTo(parentTrace.get("verso.infer").getSpanId());
        assertThat(parentTrace.get("verso.tensorflow.run").getParentSpanId()).isEqualTo(batch.getSpanId());
        for (String traceId : traceIds) {
            Map<String, SpanData> spans = await().atMost(Duration.ofSeconds(5)).until(() -> byName(traceId),
                    found -> found.containsKey("verso.batch.wait"));
            assertThat(spans.get("verso.batch.wait").getParentSpanId()).isEqualTo(spans.get("verso.infer").getSpanId());
            LinkData link = batch.getLinks().stream()
                    .filter(l -> l.getSpanContext().getTraceId().equals(traceId)).findFirst().orElseThrow();
            assertThat(link.getSpanContext().getSpanId()).as("linked to the request's call span")
                    .isEqualTo(spans.get("verso.infer").getSpanId());
        }
    }

    @Test
    void anUnsampledCallerGetsNoSpansButItsTraceIdReachesTheRecord() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        http.post().uri("/v1/models/simple:predict").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-00")
                .header("X-Request-Id", "untraced-1")
                .bodyValue(SIMPLE_BODY).exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(5)).until(() -> recordOf("untraced-1").isPresent());
        assertThat(recordOf("untraced-1").orElseThrow().traceId()).isEqualTo(traceId);
        // Give the exporter two schedule periods: nothing of this trace may arrive.
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(byName(traceId)).isEmpty();
    }

    private static Map<String, SpanData> byName(String traceId) {
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId))
                .collect(Collectors.toMap(span -> span.getName().startsWith("http post") ? "http post" : span.getName(),
                        Function.identity(), (a, b) -> a));
    }

    private static Optional<InferenceRecord> recordOf(String requestId) {
        return RECORDS.stream().filter(r -> r.requestId().equals(requestId)).findFirst();
    }
}
