package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.verso.e2e.OtlpReceiver.ReceivedSpan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One predict traced through the real processes: the gateway (sampling every request) and a pod (sampling none of
 * its own, so it follows the gateway's decision) export by OTLP/HTTP to a receiver this test runs, as they would to
 * a collector. The client's trace runs gateway server span → gateway client span → pod server span → the pod's
 * call span and its stages, with the route decision on the gateway's span.
 */
class TracingIT {

    private static final String MODEL = "half_plus_two_traced";

    @TempDir
    static Path work;

    static OtlpReceiver receiver;
    static Platform platform;

    @BeforeAll
    static void startThePlatform() throws Exception {
        receiver = OtlpReceiver.start();
        List<String> export = List.of(
                "--management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.endpoint(),
                "--management.opentelemetry.tracing.export.schedule-delay=200ms");
        List<String> gateway = new java.util.ArrayList<>(export);
        gateway.add("--management.tracing.sampling.probability=1.0");
        platform = Platform.start(work, "TracingIT", 1, new Platform.Settings(List.of(), export, gateway));
        platform.serveVersionOne(MODEL, 1);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aPredictThroughTheGatewayIsOneTraceFromTheClientToTensorFlow() throws Exception {
        String traceId = "5af7651916cd43dd8448eb211c80319c";
        String clientSpan = "b7ad6b7169203331";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        platform.client().base().resolve("/v1/models/" + MODEL + ":predict"))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [[1.0]]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        // Each service exports its spans in batches as they end, so the pod's server span (which ends after the
        // answer is written) can arrive in a later batch than its encode span: wait for every span asserted below.
        await("the pod's and the gateway's spans reach the receiver").atMost(Duration.ofSeconds(30))
                .until(() -> find(traceId, s -> s.name().equals("verso.encode")) != null
                        && find(traceId, s -> s.name().equals("verso.tensorflow.run")) != null
                        && find(traceId, s -> s.service().equals("verso-inference")
                                && s.kind() == SpanKind.SPAN_KIND_SERVER) != null
                        && find(traceId, s -> s.service().equals("verso-gateway")
                                && s.kind() == SpanKind.SPAN_KIND_CLIENT) != null
                        && find(traceId, s -> s.service().equals("verso-gateway")
                                && s.kind() == SpanKind.SPAN_KIND_SERVER) != null);

        ReceivedSpan gatewayServer = find(traceId,
                s -> s.service().equals("verso-gateway") && s.kind() == SpanKind.SPAN_KIND_SERVER);
        assertThat(gatewayServer.parentSpanId()).isEqualTo(clientSpan);
        assertThat(gatewayServer.attributes()).containsEntry("verso.model", MODEL).containsEntry("verso.version", "1")
                .containsEntry("verso.role", "stable").containsEntry("verso.sticky", "false");
        ReceivedSpan gatewayClient = find(traceId,
                s -> s.service().equals("verso-gateway") && s.kind() == SpanKind.SPAN_KIND_CLIENT);
        assertThat(gatewayClient.parentSpanId()).isEqualTo(gatewayServer.spanId());

        ReceivedSpan podServer = find(traceId,
                s -> s.service().equals("verso-inference") && s.kind() == SpanKind.SPAN_KIND_SERVER);
        assertThat(podServer).as("the pod continues the gateway's trace though it samples nothing itself")
                .isNotNull();
        assertThat(podServer.parentSpanId()).isEqualTo(gatewayClient.spanId());
        ReceivedSpan infer = find(traceId, s -> s.name().equals("verso.infer"));
        assertThat(infer.parentSpanId()).isEqualTo(podServer.spanId());
        assertThat(infer.attributes()).containsEntry("verso.model", MODEL).containsEntry("verso.version", "1");
        for (String stage : List.of("verso.executor.wait", "verso.decode", "verso.validate", "verso.tensorflow.run")) {
            ReceivedSpan span = find(traceId, s -> s.name().equals(stage));
            assertThat(span).as(stage).isNotNull();
            assertThat(span.parentSpanId()).as(stage).isEqualTo(infer.spanId());
        }
        assertThat(find(traceId, s -> s.name().equals("verso.encode")).parentSpanId()).isEqualTo(podServer.spanId());
    }

    private static ReceivedSpan find(String traceId, Predicate<ReceivedSpan> which) {
        return receiver.spans(traceId).stream().filter(which).findFirst().orElse(null);
    }
}
