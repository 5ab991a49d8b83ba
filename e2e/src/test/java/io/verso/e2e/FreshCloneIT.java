package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.localstack.Http;
import io.verso.localstack.ServiceProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bin/} scripts as a new user runs them: from a fresh copy of the repository (the files git tracks or
 * would add, nothing built) with a local Maven repository that holds every third-party artifact this build already
 * downloaded but no {@code io.verso} one, so each script must build every module it needs itself. {@code bin/verso
 * --help} must print the CLI's usage; {@code bin/local-stack} must build, start, say it is ready, answer a predict
 * through its gateway, and stop every process it started on SIGTERM (what Ctrl-C's signal does to it).
 *
 * <p>The local repository is a tree of symbolic links into the build's own ({@code verso.e2e.maven-repo}, set by
 * the POM), with {@code io/verso} left out: third-party artifacts a script still needs are downloaded as they would
 * be for a user, into the shared repository; nothing of this project's can be found there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshCloneIT {

    /**
     * Build and start. About three minutes on an idle two-core machine; a busy one was seen needing over twelve (a
     * 4-minute build, then each service's start). The local stack gives up by itself when a service takes over five
     * minutes, which ends the wait earlier.
     */
    private static final Duration STACK_READY = Duration.ofMinutes(25);
    private static final Path LOGS = Path.of("target", "e2e-logs", "fresh-clone");

    @TempDir
    static Path work;
    private static Path clone;
    private static Path mavenRepo;

    @BeforeAll
    static void freshCloneAndRepository() throws Exception {
        clone = copyTrackedFiles(Path.of("..").toAbsolutePath().normalize(), work.resolve("verso"));
        mavenRepo = repositoryWithoutVerso(Path.of(System.getProperty("verso.e2e.maven-repo",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString())), work.resolve("m2"));
        Files.createDirectories(LOGS);
    }

    @Test
    @Order(1)
    void versoHelpBuildsTheCliAndWhatItNeeds() throws Exception {
        Process verso = script("bin/verso", "--help").redirectErrorStream(true)
                .redirectOutput(LOGS.resolve("verso-help.log").toFile()).start();
        assertThat(verso.waitFor(5, TimeUnit.MINUTES)).as("bin/verso --help ends").isTrue();
        String output = Files.readString(LOGS.resolve("verso-help.log"));
        assertThat(verso.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage: verso").contains("promote").contains("rollback");
        assertThat(Files.exists(mavenRepo.resolve("io").resolve("verso").resolve("artifact")))
                .as("nothing of this project's was taken from or put into the local repository").isFalse();
    }

    @Test
    @Order(2)
    void localStackBuildsStartsServesAndStopsOnSigterm() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String variable : List.of("VERSO_LOCAL_DB_PORT", "VERSO_REGISTRY_PORT", "VERSO_INFERENCE_PORT",
                "VERSO_GATEWAY_PORT")) {
            ports.put(variable, ServiceProcess.freePort());
        }
        int gatewayPort = ports.get("VERSO_GATEWAY_PORT");
        ProcessBuilder builder = script("bin/local-stack").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("VERSO_DATA_DIR", work.resolve("var").toString());
        ports.forEach((variable, port) -> env.put(variable, port.toString()));
        env.remove("VERSO_LOCAL_DB_URL");
        Process stack = builder.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> copyOutput(stack, ready), "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(STACK_READY.toSeconds(), TimeUnit.SECONDS);

            Http client = new Http(URI.create("http://127.0.0.1:" + gatewayPort), null);
            await("a predict through the local stack's gateway").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Http.Answer answer = client.post("/v1/models/half_plus_two:predict",
                        "{\"instances\": [1.0, 2.0, 5.0]}");
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("predictions").toString()).isEqualTo("[2.5,3.0,4.5]");
            });

            List<ProcessHandle> services = stack.descendants().toList();
            assertThat(services).as("the registry, the pod and the gateway run as child processes")
                    .hasSizeGreaterThanOrEqualTo(3);
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            stack.toHandle().destroy();
            assertThat(stack.waitFor(2, TimeUnit.MINUTES)).as("bin/local-stack stops on SIGTERM").isTrue();
            await("every service process it started has stopped").atMost(Duration.ofSeconds(30))
                    .until(() -> services.stream().noneMatch(ProcessHandle::isAlive));
            // PostgreSQL is not a child process (pg_ctl detaches it): that it stopped shows as its port.
            ports.forEach((variable, port) -> assertThat(ServiceProcess.portTaken(port))
                    .as("nothing listens on " + variable + " " + port + " any more").isFalse());
            reader.join(10_000);
            assertThat(Files.readString(LOGS.resolve("local-stack.log"))).contains("[verso] stopped");
        } finally {
            stack.descendants().forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
    }

    /** A script of the fresh copy, run there with the local repository that has no io.verso artifacts. */
    private static ProcessBuilder script(String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(clone.toFile());
        builder.command().set(0, clone.resolve(command[0]).toString());
        String mavenArgs = builder.environment().getOrDefault("MAVEN_ARGS", "");
        builder.environment().put("MAVEN_ARGS", (mavenArgs + " -Dmaven.repo.local=" + mavenRepo).strip());
        builder.environment().put("JAVACPP_CACHE_DIR", System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString()));
        return builder;
    }

    /** Copies the stack's output to its log and completes {@code ready} on its ready line (or fails it at the end). */
    private static void copyOutput(Process stack, CompletableFuture<Void> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("local-stack.log")), true)) {
            String line;
            while ((line = lines.readLine()) != null) {
                log.println(line);
                if (line.startsWith("[verso] ready in ")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("bin/local-stack ended before it was ready; see "
                + LOGS.resolve("local-stack.log").toAbsolutePath()));
    }

    /** The files of {@code repository} that a commit of its working tree would hold, copied to {@code target}. */
    private static Path copyTrackedFiles(Path repository, Path target) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                .directory(repository.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String listing = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as("git ls-files in " + repository).isZero();
        for (String file : listing.split("\0")) {
            Path source = repository.resolve(file);
            if (!file.isEmpty() && Files.isRegularFile(source)) { // a tracked file deleted in the working tree is not
                Path copy = target.resolve(file);
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        assertThat(target.resolve("bin/local-stack")).isExecutable();
        return target;
    }

    /** Symbolic links to every entry of {@code repository} but {@code io/verso}. */
    private static Path repositoryWithoutVerso(Path repository, Path target) throws IOException {
        Files.createDirectories(target.resolve("io"));
        try (Stream<Path> entries = Files.list(repository)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("io")) {
                    Files.createSymbolicLink(target.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Path io = repository.resolve("io");
        if (Files.isDirectory(io)) {
            try (Stream<Path> entries = Files.list(io)) {
                for (Path entry : entries.toList()) {
                    if (!entry.getFileName().toString().equals("verso")) {
                        Files.createSymbolicLink(target.resolve("io").resolve(entry.getFileName().toString()), entry);
                    }
                }
            }
        }
        return target;
    }
}
