package io.verso.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway on a real port, in front of a real (tiny) HTTP server that stands in for an inference pod:
 * what the gateway forwards is what that server really received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // A local trial's gateway: keys and limits (on by default) have their own tests.
        "verso.gateway.auth.enabled=false", "verso.gateway.rate-limit.enabled=false"})
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayApplicationIT {

    private static final HttpServer backend = startBackend();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void pointAtBackend(DynamicPropertyRegistry registry) {
        registry.add("verso.gateway.inference-uri", () -> "http://127.0.0.1:" + backend.getAddress().getPort());
    }

    @AfterAll
    static void stopBackend() {
        backend.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthGroupsAreUp(String path) {
        http.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void prometheusScrapeCarriesJvmMetrics() {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(scrape -> assertThat(scrape)
                        .contains("jvm_memory_used_bytes{")
                        .contains("application=\"verso-gateway\""));
    }

    @Test
    void forwardsTensorFlowServingRequestsWithTheirPath() {
        http.get().uri("/v1/models/x").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Served-By", "fake-inference")
                .expectBody(String.class).isEqualTo("GET /v1/models/x ");
    }

    @Test
    void forwardsOpenInferenceRequestsWithTheirBody() {
        http.post().uri("/v2/models/x/infer").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"inputs\":[]}").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("POST /v2/models/x/infer {\"inputs\":[]}");
    }

    @Test
    void answersNotFoundOutsideTheInferenceApis() {
        http.get().uri("/v3/models/x").exchange().expectStatus().isNotFound();
    }

    /** Answers "METHOD PATH BODY", so a test sees exactly what arrived behind the gateway. */
    private static HttpServer startBackend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", GatewayApplicationIT::echo);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stand-in inference server", e);
        }
    }

    private static void echo(HttpExchange exchange) throws IOException {
        String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + received)
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("X-Served-By", "fake-inference");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(answer);
        }
    }
}
