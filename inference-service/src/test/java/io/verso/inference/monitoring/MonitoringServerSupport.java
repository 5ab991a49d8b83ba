package io.verso.inference.monitoring;

import static org.awaitility.Awaitility.await;

import io.verso.inference.testsupport.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole inference service on a random port with real TensorFlow, serving TensorFlow Serving's
 * {@code half_plus_two} fixture (version 123). The monitoring ITs extend this class so they share one application
 * context; a {@link RecordingObserver} sees every call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import(RecordingObserver.class)
abstract class MonitoringServerSupport {

    @Autowired
    WebTestClient http;

    @Autowired
    RecordingObserver observer;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
    }

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    WebTestClient.ResponseSpec postJson(String path, String json, String... headers) {
        WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.bodyValue(json).exchange();
    }
}
