package io.verso.inference.lifecycle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.contracts.DesiredVersion;
import io.verso.contracts.FeatureBaseline;
import io.verso.contracts.Histogram;
import io.verso.contracts.MonitoringSummary;
import io.verso.contracts.PodMonitoringReport;
import io.verso.contracts.VersionRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static final FakeRegistry REGISTRY = startRegistry();
    static final byte[] V1 = RegistrySyncIT.archive("monitoring");
    /** x in [0, 10] in training, half below 5. */
    static final FeatureBaseline X = new FeatureBaseline(100L, 5.0, 2.9, 0.0, 10.0, 0.0, null, null,
            new Histogram(List.of(5.0), List.of(0.5, 0.5)));

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("verso.inference.registry.uri", () -> REGISTRY.uri().toString());
        properties.add("verso.inference.registry.token", () -> FakeRegistry.TOKEN);
        properties.add("verso.inference.registry.pod-id", () -> "pod-m");
        properties.add("verso.inference.registry.endpoint", () -> "http://pod-m:8501");
        properties.add("verso.inference.registry.cache-dir", RegistryMonitoringIT::cacheDirectory);
        properties.add("verso.inference.registry.heartbeat", () -> "1s");
        properties.add("verso.inference.monitoring.summary.interval", () -> "200ms");
        properties.add("verso.inference.monitoring.drift.min-samples", () -> "4");
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
     */
    @Test
    void baselinesComeWithTheDesiredStateAndSummariesGoBackToTheRegistry() {
        REGISTRY.artifact("v1", V1);
        REGISTRY.publish("m1", FakeRegistry.model("hp2", Map.of("stable", 1L), new DesiredVersion(1,
                Set.of(VersionRole.STABLE), "/artifacts/v1", RegistrySyncIT.sha256(V1), V1.length, "TAR_GZ",
                Map.of("x", X))));
        // Readiness alone could still describe the empty state the pod started with: wait for the version itself.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/v1/models/hp2/versions/1").exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.model_version_status[0].state").isEqualTo("AVAILABLE"));

        http.post().uri("/v1/models/hp2:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [[1.0], [2.0], [3.0], [4.0]]}").exchange().expectStatus().isOk();

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
            MonitoringSummary summary = last.summaries().stream().filter(s -> s.model().equals("hp2")).findFirst()
                    .orElseThrow();
            assertThat(summary.version()).isEqualTo(1);
            assertThat(summary.requests()).isEqualTo(1);
            assertThat(summary.errors()).isZero();
            assertThat(summary.latency().total()).isEqualTo(1);
            assertThat(summary.maxPsi()).isEqualTo(psi);
            assertThat(summary.driftBreaches()).containsExactly("x");
        });
    }

    private static FakeRegistry startRegistry() {
        try {
            return new FakeRegistry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cacheDirectory() {
        try {
            return Files.createTempDirectory("verso-monitoring-cache-").toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
