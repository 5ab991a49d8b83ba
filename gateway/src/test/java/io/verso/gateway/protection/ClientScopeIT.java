package io.verso.gateway.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.testsupport.FakePod;
import io.verso.gateway.testsupport.FakeRegistry;
import io.verso.gateway.testsupport.Routes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 20 in registry mode, with the defaults a gateway now starts with (authentication and rate limits on, no
 * property set for either): registry keys are held to their scope, a key for {@code iris} cannot call
 * {@code fraud}, feedback needs the feedback scope, and anonymous callers get nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.gateway.registry-token=" + FakeRegistry.MACHINE_TOKEN,
        "verso.gateway.feed.retry-delay=200ms",
        "verso.gateway.backend.health-interval=1h"})
@AutoConfigureWebTestClient(timeout = "30s")
class ClientScopeIT {

    private static final FakeRegistry registry = FakeRegistry.start();
    private static final FakePod pod = FakePod.start("pod").knows("known-request");

    @Autowired
    WebTestClient http;
    @Autowired
    CurrentRouting routing;

    @DynamicPropertySource
    static void wire(DynamicPropertyRegistry properties) {
        properties.add("verso.gateway.registry-uri", registry::url);
    }

    @AfterAll
    static void stop() {
        registry.close();
        pod.close();
    }

    @BeforeEach
    void routeBothModels() {
        registry.publishAndAwait(List.of(Routes.model("iris").stable(1, pod.url()).build(),
                Routes.model("fraud").stable(1, pod.url()).build()), routing);
    }

    @Test
    void aKeyForIrisCannotCallFraud() {
        predict("/v1/models/iris:predict", FakeRegistry.IRIS_CLIENT_TOKEN).expectStatus().isOk();
        predict("/v2/models/iris/versions/1/infer", FakeRegistry.IRIS_CLIENT_TOKEN).expectStatus().isOk();
        int before = pod.received().size();
        predict("/v1/models/fraud:predict", FakeRegistry.IRIS_CLIENT_TOKEN).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("The API key may not call model 'fraud'");
        predict("/v2/models/fraud/infer", FakeRegistry.IRIS_CLIENT_TOKEN).expectStatus().isForbidden();
        assertThat(pod.received()).hasSize(before);
        predict("/v1/models/fraud:predict", FakeRegistry.VIEWER_TOKEN).expectStatus().isOk();
    }

    @Test
    void anonymousCallersAndMachineTokensGetNothing() {
        predict("/v1/models/iris:predict", null).expectStatus().isUnauthorized();
        predict("/v1/models/iris:predict", FakeRegistry.POD_TOKEN).expectStatus().isUnauthorized();
        feedback(null).expectStatus().isUnauthorized();
    }

    @Test
    void feedbackNeedsTheFeedbackScope() {
        feedback(FakeRegistry.VIEWER_TOKEN).expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").isEqualTo("The API key has no feedback scope");
        feedback(FakeRegistry.IRIS_CLIENT_TOKEN).expectStatus().isOk();
    }

    /** Health stays open for probes; metrics name every model, so they need a key that may call every model. */
    @Test
    void onlyHealthOfTheActuatorIsOpen() {
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/metrics").header("X-API-Key", FakeRegistry.IRIS_CLIENT_TOKEN).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/actuator/prometheus").header("X-API-Key", FakeRegistry.VIEWER_TOKEN).exchange()
                .expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec predict(String path, String key) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (key != null) {
                        h.setBearerAuth(key);
                    }
                })
                .bodyValue("{\"instances\":[1]}").exchange();
    }

    private WebTestClient.ResponseSpec feedback(String key) {
        return http.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (key != null) {
                        h.set("X-API-Key", key);
                    }
                })
                .bodyValue("{\"request_id\":\"known-request\",\"labels\":[1]}").exchange();
    }
}
