package io.verso.inference.monitoring.predictionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.verso.inference.model.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The prediction log's CloudEvents sink against a real HTTP receiver on loopback: each answered call arrives as
 * KServe's request and response events (binary mode, {@code ce-*} headers); while the receiver is down every
 * prediction still answers and the lost records are counted; once it is back, delivery resumes by itself.
 */
@DirtiesContext
class CloudEventsSinkIT extends SinkServerSupport {

    record Received(Map<String, String> headers, JsonNode body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    static final int PORT = freePort();
    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static HttpServer receiver = start();

    @DynamicPropertySource
    static void sink(DynamicPropertyRegistry registry) {
        halfPlusTwoLoggedTo(registry, "cloudevents");
        registry.add(LOG + "cloud-events.url", () -> "http://127.0.0.1:" + PORT + "/events");
        registry.add(LOG + "cloud-events.timeout", () -> "3s");
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @Test
    void callsArriveAsKServeEventsAndASinkOutageCostsRecordsNotPredictions() {
        predict("ce-1");
        List<Received> events = await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf("ce-1"),
                found -> found.size() == 2);
        Received request = events.stream().filter(e -> e.header("ce-type")
                .equals("org.kubeflow.serving.inference.request")).findFirst().orElseThrow();
        Received response = events.stream().filter(e -> e.header("ce-type")
                .equals("org.kubeflow.serving.inference.response")).findFirst().orElseThrow();
        for (Received event : events) {
            assertThat(event.header("ce-specversion")).isEqualTo("1.0");
            assertThat(event.header("ce-source")).isEqualTo("verso-inference");
            assertThat(event.header("ce-inferenceservicename")).isEqualTo("half_plus_two");
            assertThat(event.header("ce-modelversion")).isEqualTo("123");
            assertThat(event.header("ce-traceid")).matches("[0-9a-f]{32}");
            assertThat(event.header("content-type")).isEqualTo("application/json");
        }
        assertThat(request.body().at("/inputs/0/data").toString()).isEqualTo("[1.0,2.0]");
        assertThat(request.body().at("/inputs/0/shape").toString()).isEqualTo("[2]");
        assertThat(response.body().get("model_name").stringValue()).isEqualTo("half_plus_two");
        assertThat(response.body().get("model_version").stringValue()).isEqualTo("123");
        assertThat(response.body().at("/outputs/0/data").toString()).isEqualTo("[2.5,3.0]");

        receiver.stop(0);
        double droppedBefore = dropped();
        IntStream.range(0, 20).forEach(i -> predict("while-down-" + i));
        await().atMost(Duration.ofSeconds(30)).until(() -> dropped() > droppedBefore);

        receiver = start();
        double deliveredBefore = delivered();
        await("delivery resumes").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            predict("after-" + System.nanoTime());
            return RECEIVED.stream().anyMatch(e -> e.header("ce-id").startsWith("after-"));
        });
        // The receiver has the event before the sink has its answer and counts the delivery.
        await("delivery counted").atMost(Duration.ofSeconds(10)).until(() -> delivered() > deliveredBefore);
    }

    private static List<Received> eventsOf(String requestId) {
        return RECEIVED.stream().filter(e -> requestId.equals(e.header("ce-id"))).toList();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
            server.createContext("/events", exchange -> {
                try (exchange) {
                    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                    RECEIVED.add(new Received(headers, Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes())));
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
