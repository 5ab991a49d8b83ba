package io.verso.inference.lifecycle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.artifact.ArchiveDigest;
import io.verso.contracts.DesiredVersion;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.contracts.VersionRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Monitoring of a pod that follows the registry, over real HTTP: the baseline the desired state lists with a version
 * drives the pod's drift report, and the pod sends its monitoring summary (traffic and drift) with its machine token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RegistryMonitoringIT {

    static final FakeRegistry REGISTRY = FakeRegistry.start();
    static final byte[] V1 = FakeRegistry.archive("monitoring");
    /** x in [0, 10] in training, half below 5. */
    static final FeatureBaseline X = new FeatureBaseline(100L, 5.0, 2.9, 0.0, 10.0, 0.0, null, null,
            new Histogram(List.of(5.0), List.of(0.5, 0.5)));

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        REGISTRY.follow(properties, "pod-m", FakeRegistry.temporaryCache());
        properties.add("verso.inference.monitoring.summary.interval", () -> "200ms");
        properties.add("verso.inference.monitoring.drift.min-samples", () -> "4");
        properties.add("verso.inference.monitoring.models.hp2.task", () -> "regression");
    }

    @Autowired
    WebTestClient http;

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    /**
     * Four values, all below 5: serving 1, 0 against the baseline's 0.5, 0.5, so
     * PSI = (1 - 0.5) ln(1 / 0.5) + (0.0001 - 0.5) ln(0.0001 / 0.5) = 0.34657 + 4.25775 = 4.60432.
     * The model answers 2.5, 3, 3.5, 4; ground truth 2.5, 3, 3.5, 5 makes the mean absolute error 1 / 4 = 0.25.
     */
    @Test
    void baselinesComeWithTheDesiredStateAndSummariesWithQualityGoBackToTheRegistry() {
        REGISTRY.artifact("v1", V1);
        REGISTRY.publish("m1", FakeRegistry.model("hp2", Map.of("stable", 1L), new DesiredVersion(1,
                Set.of(VersionRole.STABLE), "/artifacts/v1", ArchiveDigest.of(V1), V1.length, "TAR_GZ",
                Map.of("x", X))));
        // Readiness alone could still describe the empty state the pod started with: wait for the version itself.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/v1/models/hp2/versions/1").exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.model_version_status[0].state").isEqualTo("AVAILABLE"));

        String requestId = http.post().uri("/v1/models/hp2:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [[1.0], [2.0], [3.0], [4.0]]}").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        http.post().uri("/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"request_id\": \"" + requestId + "\", \"labels\": [2.5, 3.0, 3.5, 5.0]}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("matched");

        double psi = 0.5 * Math.log(2) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/monitoring/models/hp2/versions/1/drift").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.features[0].count").isEqualTo(4)
                        .jsonPath("$.features[0].psi").isEqualTo(psi)
                        .jsonPath("$.breached").isEqualTo(true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(REGISTRY.monitoring).isNotEmpty();
            PodMonitoringReport last = REGISTRY.monitoring.get(REGISTRY.monitoring.size() - 1);
            assertThat(last.podId()).isEqualTo("pod-m");
            // An assertion, not orElseThrow: a report sent before the request has no hp2 yet, and awaitility retries
            // only on assertion errors.
            assertThat(last.summaries()).anyMatch(s -> s.model().equals("hp2"));
            MonitoringSummary summary = last.summaries().stream().filter(s -> s.model().equals("hp2")).findFirst()
                    .orElseThrow();
            assertThat(summary.version()).isEqualTo(1);
            assertThat(summary.requests()).isEqualTo(1);
            assertThat(summary.errors()).isZero();
            assertThat(summary.latency().total()).isEqualTo(1);
            assertThat(summary.maxPsi()).isEqualTo(psi);
            assertThat(summary.driftBreaches()).containsExactly("x");
            assertThat(summary.feedbackCount()).isEqualTo(4);
            assertThat(summary.meanAbsoluteError()).isEqualTo(0.25);
            assertThat(summary.accuracy()).isNull();
        });
    }
}
