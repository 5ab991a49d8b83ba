package io.verso.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.testsupport.FakePod;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's part of a trace, collected by the OpenTelemetry SDK's in-memory exporter as Boot wires it, with HTTP
 * servers standing in for pods that record the {@code traceparent} they receive: the client's trace continues
 * through the gateway to the pod, the route decision is on the gateway's server span, and a shadow copy travels in
 * a trace of its own linked to the request's. (The pod's side, real processes end to end: e2e TracingIT.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN,
    // Tracing is what is under test here; keys and limits have tests of their own.
    "verso.gateway.auth.enabled=false",
    "verso.gateway.backend.health-interval=1h",
    "management.tracing.sampling.probability=1.0",
    "management.opentelemetry.tracing.export.schedule-delay=50ms"})
@AutoConfigureWebTestClient(timeout = "30s")
class TracingIT {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final FakeRegistry registry = FakeRegistry.start();
    private static final FakePod stable = FakePod.start("A");
    private static final FakePod shadow = FakePod.start("S");
    private static final Path cacheDir = tempDir();

    @TestConfiguration
    static class Collecting {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return SPANS;
        }
    }

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
        properties.add("verso.gateway.routing-cache", () -> cacheDir.resolve("routing-table.json").toString());
    }

    @Autowired
    WebTestClient http;
    @Autowired
    CurrentRouting routing;

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable server : List.of(registry, stable, shadow)) {
            server.close();
        }
    }

    @BeforeEach
    void publish() {
        var table = registry.publish(List.of(Routes.model("m").stable(1, stable.url()).shadow(2, 100, shadow.url())
                .build()));
        await().atMost(Duration.ofSeconds(10)).until(() -> table.revision().equals(routing.get().revision()));
        SPANS.reset();
    }

    @Test
    void theClientsTraceContinuesToThePodWithTheRouteOnTheGatewaySpanAndTheShadowLinked() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";
        int seen = stable.received().size();
        int seenByShadow = shadow.received().size();
        http.post().uri("/v1/models/m:predict").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk();

        SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> span(traceId, SpanKind.SERVER),
                found -> found != null);
        assertThat(server.getParentSpanId()).isEqualTo(clientSpan);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("verso.model"))).isEqualTo("m");
        assertThat(server.getAttributes().get(AttributeKey.longKey("verso.version"))).isEqualTo(1L);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("verso.role"))).isEqualTo("stable");
        assertThat(server.getAttributes().get(AttributeKey.booleanKey("verso.sticky"))).isFalse();
        assertThat(server.getAttributes().get(AttributeKey.longKey("verso.shadow.version"))).isEqualTo(2L);

        // The pod gets the trace, with Spring Cloud Gateway's client span (a child of the server span) as parent.
        SpanData client = await().atMost(Duration.ofSeconds(10)).until(() -> span(traceId, SpanKind.CLIENT),
                found -> found != null);
        assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
        String toPod = stable.received().get(seen).traceparent();
        assertThat(toPod).isEqualTo("00-" + traceId + "-" + client.getSpanId() + "-01");

        // The shadow copy: its own trace, linked to the request's server span, continued by the shadow pod.
        await().atMost(Duration.ofSeconds(10)).until(() -> shadow.received().size() > seenByShadow);
        String toShadow = shadow.received().get(seenByShadow).traceparent();
        assertThat(toShadow).isNotNull().doesNotContain(traceId);
        SpanData shadowSpan = await().atMost(Duration.ofSeconds(10)).until(
                () -> SPANS.getFinishedSpanItems().stream().filter(s -> s.getName().equals("verso.shadow"))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(toShadow).isEqualTo("00-" + shadowSpan.getTraceId() + "-" + shadowSpan.getSpanId() + "-01");
        assertThat(shadowSpan.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(traceId);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(server.getSpanId());
        });
        assertThat(shadowSpan.getAttributes().get(AttributeKey.longKey("verso.version"))).isEqualTo(2L);
    }

    @Test
    void aRoutingKeyMarksTheDecisionSticky() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        http.post().uri("/v1/models/m:predict").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .header("X-Verso-Routing-Key", "user-42")
                .bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk();

        SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> span(traceId, SpanKind.SERVER),
                found -> found != null);
        assertThat(server.getAttributes().get(AttributeKey.booleanKey("verso.sticky"))).isTrue();
    }

    @Test
    void anUnsampledRequestGetsNoShadowSpanAndPassesItsContextOn() {
        String traceId = "11111111111111111111111111111111";
        int seen = stable.received().size();
        int seenByShadow = shadow.received().size();
        http.post().uri("/v1/models/m:predict").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-00")
                .bodyValue("{\"instances\":[1]}").exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(10)).until(() -> shadow.received().size() > seenByShadow);
        assertThat(stable.received().get(seen).traceparent()).startsWith("00-" + traceId + "-").endsWith("-00");
        assertThat(shadow.received().get(seenByShadow).traceparent()).as("no shadow span, no header").isNull();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(SPANS.getFinishedSpanItems()).noneMatch(s -> s.getTraceId().equals(traceId)
                || s.getName().equals("verso.shadow"));
    }

    private static SpanData span(String traceId, SpanKind kind) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == kind).findFirst().orElse(null);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("verso-gateway-tracing-it");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
