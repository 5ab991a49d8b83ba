package io.verso.inference.lifecycle.source.registry;

import io.verso.inference.model.VersionStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.artifact.ArchiveDigest;
import io.verso.contracts.ServingState;
import io.verso.contracts.VersionRole;
import io.verso.inference.InferenceApplication;
import io.verso.inference.model.ServableLoader;
import io.verso.inference.runtime.tf.TfServableLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A pod following the registry's feeds over real HTTP through a rollout: promote, canary, rollback, a tampered
 * artifact, a registry outage and a pod restart during it. The registry side speaks the feed protocol of
 * {@code registry-service} with content the test controls.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrySyncIT {

    static final AtomicInteger LOADS = new AtomicInteger();
    static final FakeRegistry REGISTRY = FakeRegistry.start();
    static final Path CACHE = FakeRegistry.temporaryCache();
    static final byte[] V1 = FakeRegistry.archive("1");
    static final byte[] V2 = FakeRegistry.archive("2");

    @TestConfiguration
    static class CountingRuntime {
        @Bean
        @Primary
        ServableLoader countingLoader() {
            TfServableLoader real = new TfServableLoader();
            return (directory, options) -> {
                LOADS.incrementAndGet();
                return real.load(directory, options);
            };
        }
    }

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        REGISTRY.follow(properties, "pod-a", CACHE);
        properties.add("verso.inference.registry.unload-grace", () -> "1s");
        properties.add("verso.inference.registry.max-backoff", () -> "1s");
    }

    @Autowired
    WebTestClient http;

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    @Order(1)
    void promotedVersionIsDownloadedVerifiedLoadedAndReported() {
        REGISTRY.artifact("v1", V1);
        REGISTRY.publish("r1", FakeRegistry.model("hp2", Map.of("stable", 1L),
                FakeRegistry.version(1, "v1", V1, ArchiveDigest.of(V1), VersionRole.STABLE)));

        awaitReported(1, ServingState.AVAILABLE);
        predictsWith("/v1/models/hp2:predict");
        predictsWith("/v1/models/hp2/labels/stable:predict");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        assertThat(Files.isDirectory(CACHE.resolve("artifacts").resolve(ArchiveDigest.of(V1)))).isTrue();
    }

    @Test
    @Order(2)
    @SuppressWarnings("unchecked")
    void canaryLoadsBesideStableAndRollbackNeedsNoLoad() {
        REGISTRY.artifact("v2", V2);
        REGISTRY.publish("r2", FakeRegistry.model("hp2", Map.of("stable", 1L, "canary", 2L),
                FakeRegistry.version(1, "v1", V1, ArchiveDigest.of(V1), VersionRole.STABLE),
                FakeRegistry.version(2, "v2", V2, ArchiveDigest.of(V2), VersionRole.CANARY)));
        awaitReported(2, ServingState.AVAILABLE);
        predictsWith("/v1/models/hp2/labels/canary:predict");

        int loadsBefore = LOADS.get();
        REGISTRY.publish("r3", FakeRegistry.model("hp2", Map.of("stable", 1L, "beta", 2L),
                FakeRegistry.version(1, "v1", V1, ArchiveDigest.of(V1), VersionRole.STABLE),
                FakeRegistry.version(2, "v2", V2, ArchiveDigest.of(V2), VersionRole.LABELED)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                http.get().uri("/v1/models/hp2/labels/beta").exchange().expectStatus().isOk().expectBody()
                        .jsonPath("$.model_version_status[0].version").isEqualTo("2"));
        http.get().uri("/v1/models/hp2").exchange().expectBody()
                .jsonPath("$.model_version_status[?(@.state == 'AVAILABLE')].version").value(v ->
                        assertThat((List<Object>) v).containsExactlyInAnyOrder("1", "2"));
        http.get().uri("/v1/models/hp2/labels/stable").exchange().expectBody()
                .jsonPath("$.model_version_status[0].version").isEqualTo("1");
        assertThat(LOADS.get()).as("a rollback is a label change, not a load").isEqualTo(loadsBefore);
    }

    @Test
    @Order(3)
    void aTamperedArtifactIsRefusedAndThePreviousVersionKeepsServing() {
        byte[] registered = FakeRegistry.archive("3");
        byte[] tampered = registered.clone();
        tampered[tampered.length / 2] ^= 0x5a;
        REGISTRY.artifact("v3", tampered);
        REGISTRY.publish("r4", FakeRegistry.model("hp2", Map.of("stable", 3L),
                FakeRegistry.version(3, "v3", registered, ArchiveDigest.of(registered), VersionRole.STABLE),
                FakeRegistry.version(1, "v1", V1, ArchiveDigest.of(V1), VersionRole.PREVIOUS_STABLE)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lastReport(3))
                .satisfies(v -> {
                    assertThat(v.state()).isEqualTo(ServingState.ERROR);
                    assertThat(v.error()).contains("sha256");
                }));
        predictsWith("/v1/models/hp2/versions/1:predict");
        assertThat(CACHE.resolve("artifacts").toFile().list()).as("nothing of the refused artifact stays")
                .containsExactlyInAnyOrder(ArchiveDigest.of(V1), ArchiveDigest.of(V2));
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
    }

    @Test
    @Order(4)
    void keepsServingThroughARegistryOutageAndARestartDuringIt() {
        REGISTRY.publish("r5", FakeRegistry.model("hp2", Map.of("stable", 1L),
                FakeRegistry.version(1, "v1", V1, ArchiveDigest.of(V1), VersionRole.STABLE)));
        awaitReportWithout(3);
        REGISTRY.close();
        for (int i = 0; i < 5; i++) {
            predictsWith("/v1/models/hp2:predict");
        }

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(InferenceApplication.class).run(
                "--server.port=0", "--verso.inference.registry.uri=" + REGISTRY.uri(),
                "--verso.inference.registry.token=" + FakeRegistry.TOKEN,
                "--verso.inference.registry.cache-dir=" + CACHE, "--verso.inference.registry.max-backoff=1s")) {
            String port = restarted.getEnvironment().getProperty("local.server.port");
            WebTestClient second = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> second.post().uri("/v1/models/hp2:predict")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instances\": [[1.0]]}").exchange()
                    .expectStatus().isOk().expectBody().json("{\"predictions\": [[2.5]]}"));
        }
    }

    private void predictsWith(String path) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"instances\": [[1.0], [5.0]]}")
                .exchange().expectStatus().isOk().expectBody().json("{\"predictions\": [[2.5], [4.5]]}");
    }

    private static io.verso.contracts.VersionStatus lastReport(long version) {
        List<io.verso.contracts.PodStatus> reports = REGISTRY.reports;
        assertThat(reports).isNotEmpty();
        io.verso.contracts.PodStatus last = reports.get(reports.size() - 1);
        assertThat(last.podId()).isEqualTo("pod-a");
        assertThat(last.endpoint()).isEqualTo("http://pod-a:8501");
        assertThat(last.grpcPort()).as("no gRPC server, no gRPC port advertised").isNull();
        return last.versions().stream().filter(v -> v.model().equals("hp2") && v.version() == version).findFirst()
                .orElseThrow(() -> new AssertionError("version " + version + " not reported in " + last));
    }

    private static void awaitReported(long version, ServingState state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(lastReport(version).state()).isEqualTo(state));
    }

    private static void awaitReportWithout(long version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            io.verso.contracts.PodStatus last = REGISTRY.reports.get(REGISTRY.reports.size() - 1);
            assertThat(last.versions()).noneMatch(v -> v.version() == version);
        });
    }
}
