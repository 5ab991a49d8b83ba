package io.verso.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts each kind of server the suite measures, configured as a user would run it, and waits until it is ready.
 * Every JVM runs with the JDK's defaults plus {@code DebugNonSafepoints}, so a JFR profile can attribute samples
 * to the exact frame.
 */
public final class Servers {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    /** The API key the gateway accepts from the bench, as {@code verso.gateway.auth.keys}. */
    public static final String GATEWAY_KEY = "bench-client-key";

    private final Path logs;
    private final Path javacppCache;

    public Servers(Path logs, Path javacppCache) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.javacppCache = javacppCache;
    }

    /** A model the inference service is configured with. */
    public record ServedModel(String name, Path basePath) {
    }

    /** A server with a REST and a gRPC port (a pod or the gateway); closing it stops it. */
    public record Pod(ServerProcess process, int grpcPort) implements AutoCloseable {

        public String grpcUrl() {
            return "http://127.0.0.1:" + grpcPort;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * The inference service serving {@code models} with the batching of {@code mode}, REST and gRPC. The executor
     * queue is larger than the largest client count, so overload shows as latency, not as 429s.
     */
    public Pod inference(String name, Path jar, List<ServedModel> models, BatchingMode mode, List<String> extra)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        int grpcPort = ServerProcess.freePort();
        List<String> command = java(jar);
        command.addAll(List.of("--server.port=" + port, "--verso.inference.grpc.port=" + grpcPort,
                "--verso.inference.poll-interval=0", "--verso.inference.executor.queue-capacity=1024"));
        for (int i = 0; i < models.size(); i++) {
            command.add("--verso.inference.models[" + i + "].name=" + models.get(i).name());
            command.add("--verso.inference.models[" + i + "].base-path=" + models.get(i).basePath());
            command.addAll(mode.arguments(i));
        }
        command.addAll(extra);
        ServerProcess process = ServerProcess.start(name, command, Map.of("TF_CPP_MIN_LOG_LEVEL", "2"), port,
                logs.resolve(name + ".log"));
        process.awaitReady("/v2/health/ready", READY_TIMEOUT);
        return new Pod(process, grpcPort);
    }

    /**
     * The gateway in static mode in front of one pod, as shipped (authentication and rate limits on), with the
     * per-client limit raised so that the bench's one key is never throttled; the limiter still runs per request.
     */
    public Pod gateway(Path jar, Pod pod) throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        int grpcPort = ServerProcess.freePort();
        List<String> command = java(jar);
        command.addAll(List.of("--server.port=" + port, "--verso.gateway.grpc.port=" + grpcPort,
                "--verso.gateway.inference-uri=" + pod.process().baseUrl(),
                "--verso.gateway.grpc.pod-port=" + pod.grpcPort(),
                "--verso.gateway.auth.keys[0]=" + GATEWAY_KEY,
                "--verso.gateway.rate-limit.requests-per-second=10000000",
                "--verso.gateway.rate-limit.burst=10000000"));
        ServerProcess process = ServerProcess.start("gateway", command, Map.of(), port, logs.resolve("gateway.log"));
        process.awaitReady("/actuator/health/readiness", READY_TIMEOUT);
        return new Pod(process, grpcPort);
    }

    /** nginx (two workers, one per core, no access log) answering every request with {@code answer}. */
    public ServerProcess nginx(Path directory, byte[] answer, String contentType)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Files.createDirectories(directory.resolve("logs"));
        String literal = new String(answer, java.nio.charset.StandardCharsets.UTF_8).replace("\\", "\\\\")
                .replace("'", "\\'");
        String conf = """
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    keepalive_requests 100000000;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            default_type %3$s;
                            return 200 '%4$s';
                        }
                    }
                }
                """.formatted(directory.toAbsolutePath(), port, contentType, literal);
        Path file = directory.resolve("nginx.conf");
        Files.writeString(file, conf);
        ServerProcess process = ServerProcess.start("nginx", List.of("nginx", "-p", directory.toAbsolutePath() + "/",
                        "-e", directory.toAbsolutePath() + "/logs/error.log", "-c", file.toAbsolutePath().toString(),
                        "-g", "daemon off;"), Map.of(), port, logs.resolve("nginx.log"));
        return process.awaitReady("/", READY_TIMEOUT);
    }

    /** The bare Reactor Netty server answering {@code answer} (see {@code FixedAnswerServer}). */
    public ServerProcess fixedAnswer(String name, byte[] answer, String contentType)
            throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Path file = logs.resolve(name + ".answer");
        Files.write(file, answer);
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+DebugNonSafepoints", "-cp", System.getProperty("java.class.path"),
                "io.verso.bench.ceiling.FixedAnswerServer", Integer.toString(port), file.toString(), contentType));
        ServerProcess process = ServerProcess.start(name, command, Map.of(), port, logs.resolve(name + ".log"));
        return process.awaitReady("/", READY_TIMEOUT);
    }

    private List<String> java(Path jar) {
        return new ArrayList<>(List.of(javaBinary(), "-Dorg.bytedeco.javacpp.cachedir=" + javacppCache,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints", "-jar", jar.toString()));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
