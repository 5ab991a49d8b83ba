package io.verso.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Verso service run as its own process from the jar the build produced, as an operator runs it. Its output goes
 * to {@code <logs>/<name>.log} and, when an echo stream is given, to it with a {@code [name]} prefix. It can be
 * stopped gently or killed outright.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code jar} on {@code port}.
     *
     * @param echo where to copy the output, prefixed with the name; null to only log to the file
     */
    public static ServiceProcess start(String name, Path jar, int port, List<String> jvmOptions, List<String> args,
                                       Path logs, PrintStream echo) throws IOException {
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process process = builder.start();
        pump(name, process, logs.resolve(name + ".log"), echo);
        return new ServiceProcess(name, port, process);
    }

    /** Copies the process output line by line to its log file and, prefixed, to {@code echo}. */
    private static void pump(String name, Process process, Path log, PrintStream echo) throws IOException {
        Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); file) {
                String line;
                while ((line = lines.readLine()) != null) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    if (echo != null) {
                        echo.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "log-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** The repackaged jar of {@code module} under the repository {@code root}. */
    public static Path jarOf(Path root, String module) throws IOException {
        Path target = root.resolve(module).resolve("target").toAbsolutePath().normalize();
        if (!Files.isDirectory(target)) {
            throw new IllegalStateException("no build of " + module + " in " + target + "; build it first");
        }
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no jar of " + module + " in " + target
                            + "; build it first (./mvnw -DskipTests package)"));
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** True when something already listens on {@code port} of the loopback interface. */
    public static boolean portTaken(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException free) {
            return false;
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** The operating system's id of the process, for tools such as {@code jcmd}. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code path} answers 200; fails naming the log when the process dies or time runs out. */
    public ServiceProcess awaitOk(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see its log");
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
        throw new IllegalStateException(name + " not ready at " + path + " within " + timeout + "; see its log");
    }

    /** SIGKILL: the process gets no chance to clean up, like a crashed node. */
    public void kill() throws InterruptedException {
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
