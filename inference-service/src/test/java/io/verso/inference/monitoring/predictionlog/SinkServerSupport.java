package io.verso.inference.monitoring.predictionlog;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.testsupport.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The inference service on a random port serving TensorFlow Serving's {@code half_plus_two} fixture with every
 * answered call logged to a network sink (the subclass names it), a small queue so that an unreachable sink soon
 * drops, and the prediction log's meters at hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
abstract class SinkServerSupport {

    static final String LOG = "verso.inference.monitoring.prediction-log.";

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry registry;

    static void halfPlusTwoLoggedTo(DynamicPropertyRegistry registry, String sink) {
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        registry.add(LOG + "rate", () -> "1.0");
        registry.add(LOG + "queue-capacity", () -> "4");
        registry.add(LOG + "sink", () -> sink);
    }

    @BeforeEach
    void modelLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    /** A predict that must answer 200 whatever the sink does. */
    void predict(String requestId) {
        http.post().uri("/v1/models/half_plus_two:predict").contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", requestId).bodyValue("{\"instances\": [1.0, 2.0]}").exchange()
                .expectStatus().isOk();
    }

    double delivered() {
        return registry.get("verso.prediction.log.records").counter().count();
    }

    double dropped() {
        return registry.find("verso.prediction.log.dropped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
