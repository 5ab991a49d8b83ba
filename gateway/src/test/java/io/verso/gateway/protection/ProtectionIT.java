package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.gateway.testsupport.FakePod;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

/**
 * Static mode (no registry) with API keys, rate limits and the size limit on, in front of a real HTTP server standing
 * in for the inference pod. Each test uses its own key, so each has its own rate-limit budget.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Authentication and rate limits are on by default: nothing here turns them on.
        "verso.gateway.auth.keys=key-auth,key-size,key-limited,key-static,key-shadow",
        "verso.gateway.rate-limit.requests-per-second=0.5",
        "verso.gateway.rate-limit.burst=3",
        "verso.gateway.max-request-size=1KB",
        "verso.gateway.models.st.stable-version=1",
        "verso.gateway.models.st.canary-version=2",
        "verso.gateway.models.st.canary-weight=100",
        "verso.gateway.models.sh.stable-version=1",
        "verso.gateway.models.sh.shadow-version=2",
        "verso.gateway.models.sh.shadow-percent=100"})
@AutoConfigureWebTestClient(timeout = "30s")
class ProtectionIT {

    private static final FakePod pod = FakePod.start("pod");

    @Autowired
    WebTestClient http;
    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.inference-uri", pod::url);
    }

    @AfterAll
    static void stop() {
        pod.close();
    }

    @Test
    void inferenceRequestsWithoutAValidKeyAre401() {
        int before = pod.received().size();
        http.post().uri("/v1/models/x:predict").bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists("WWW-Authenticate")
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("X-API-Key"));
        http.post().uri("/v1/models/x:predict").header("X-API-Key", "wrong").bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("The API key is not valid");
        assertThat(pod.received()).hasSize(before);

        http.post().uri("/v1/models/x:predict").header("X-API-Key", "key-auth").bodyValue("{}").exchange()
                .expectStatus().isOk();
        http.post().uri("/v1/models/x:predict").header("Authorization", "Bearer key-auth").bodyValue("{}").exchange()
                .expectStatus().isOk();
    }

    @Test
    void aClientOverItsRateLimitGets429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            http.post().uri("/v2/models/x/infer").header("X-API-Key", "key-limited").bodyValue("{}").exchange()
                    .expectStatus().isOk();
        }
        http.post().uri("/v2/models/x/infer").header("X-API-Key", "key-limited").bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", retry -> assertThat(Long.parseLong(retry)).isBetween(1L, 2L))
                .expectBody().jsonPath("$.error").exists();
        assertThat(meters.find("verso.gateway.rate.limit.rejections").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void oversizeBodiesAre413WhetherDeclaredOrChunked() {
        int before = pod.received().size();
        http.post().uri("/v1/models/x:predict").header("X-API-Key", "key-size").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("x".repeat(2048)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("1024"));
        // No Content-Length: the limit is found while reading.
        http.post().uri("/v1/models/x:predict").header("X-API-Key", "key-size").contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromPublisher(Flux.just("y".repeat(700), "z".repeat(700)), String.class))
                .exchange()
                .expectStatus().isEqualTo(413);
        assertThat(pod.received()).hasSize(before);
    }

    @Test
    void staticModeSplitsConfiguredModelsAndPinsTheChosenVersion() {
        http.post().uri("/v1/models/st:predict").header("X-API-Key", "key-static").bodyValue("{\"instances\":[1]}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Verso-Model-Version", "2")
                .expectBody().jsonPath("$.path").isEqualTo("/v1/models/st/versions/2:predict");
    }

    @Test
    void staticModeMirrorsToAConfiguredShadow() {
        http.post().uri("/v1/models/sh:predict").header("X-API-Key", "key-shadow").bodyValue("{\"instances\":[7]}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/v1/models/sh/versions/1:predict");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(pod.received())
                .anySatisfy(received -> {
                    assertThat(received.uri()).isEqualTo("/v1/models/sh/versions/2:predict");
                    assertThat(received.body()).isEqualTo("{\"instances\":[7]}");
                }));
    }
}
