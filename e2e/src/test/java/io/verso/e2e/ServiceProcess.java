package io.verso.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Verso service run as its own process from the jar the build produced, as an operator runs it: its output goes
 * to {@code target/e2e-logs/<name>.log}, and it can be stopped gently or killed outright.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** Starts {@code module}'s jar on {@code port} with {@code args}. */
    static ServiceProcess start(String name, String module, int port, List<String> jvmOptions, List<String> args)
            throws IOException {
        Path jar = jarOf(module);
        Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        return new ServiceProcess(name, port, builder.start());
    }

    /** The repackaged jar of a sibling module, which the reactor built before this module's tests. */
    static Path jarOf(String module) throws IOException {
        Path target = Path.of("..", module, "target").toAbsolutePath().normalize();
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar of " + module + " in " + target
                            + "; run the tests through the reactor (./mvnw verify)"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    /** Waits until {@code path} answers 200, or fails with the log's location when the process dies or time runs out. */
    ServiceProcess awaitOk(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + "; see target/e2e-logs/" + name + ".log");
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri().resolve(path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready at " + path + " within " + timeout
                + "; see target/e2e-logs/" + name + ".log");
    }

    /** SIGKILL: the process gets no chance to clean up, like a crashed node. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
