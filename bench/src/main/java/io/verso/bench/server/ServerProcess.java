package io.verso.bench.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One inference service JVM, started from its Boot jar as a child process and stopped with it. Its output goes
 * to a log file, which the failure messages name.
 */
public final class ServerProcess implements AutoCloseable {

    /** A model the server is configured with. */
    public record ServedModel(String name, Path basePath) {
    }

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server on a free port; every model gets the batching of {@code mode}. The executor queue is larger
     * than the largest client count, so overload shows as latency, not as 429s.
     */
    public static ServerProcess start(Path jar, List<ServedModel> models, BatchingMode mode, Path javacppCache,
                                      Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                // Lets JFR attribute samples to the exact frame instead of the nearest safepoint.
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints",
                "-jar", jar.toString(),
                "--server.port=" + port,
                "--verso.inference.poll-interval=0",
                "--verso.inference.executor.queue-capacity=1024"));
        for (int i = 0; i < models.size(); i++) {
            command.add("--verso.inference.models[" + i + "].name=" + models.get(i).name());
            command.add("--verso.inference.models[" + i + "].base-path=" + models.get(i).basePath());
            command.addAll(mode.arguments(i));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        return new ServerProcess(builder.start(), port, log);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Waits until {@code /v2/health/ready} answers 200 (every model loaded). */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the inference service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/v2/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Still starting.
            }
            Thread.sleep(250);
        }
        throw new IOException("the inference service was not ready within " + timeout + "; see " + log);
    }

    /** The Prometheus exposition of the server's meters. */
    public String metrics() throws IOException, InterruptedException {
        return get("/actuator/prometheus").body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops gracefully (SIGTERM), and forcibly if it has not exited within 20 seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
