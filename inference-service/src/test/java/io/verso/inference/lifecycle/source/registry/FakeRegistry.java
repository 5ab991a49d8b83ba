package io.verso.inference.lifecycle.source.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.verso.artifact.SavedModelPacker;
import io.verso.contracts.DesiredModel;
import io.verso.contracts.DesiredState;
import io.verso.contracts.DesiredVersion;
import io.verso.contracts.PodMonitoringReport;
import io.verso.contracts.PodStatus;
import io.verso.contracts.VersionRole;
import io.verso.inference.testsupport.DemoModelRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The registry's feed protocol over real HTTP, as the registry serves it (see registry-service {@code feed}):
 * desired state with ETag and long-poll, artifacts behind the machine token, pod status and monitoring summary
 * intake. Its content is set by the test, so each scenario states exactly what the registry says.
 */
final class FakeRegistry implements AutoCloseable {

    static final String TOKEN = "machine-token";

    private final HttpServer server;
    private final Map<String, byte[]> artifacts = new HashMap<>();
    final List<PodStatus> reports = new CopyOnWriteArrayList<>();
    final List<PodMonitoringReport> monitoring = new CopyOnWriteArrayList<>();
    /** Artifact downloads served, to tell them from downloads that went elsewhere (presigned URLs). */
    final AtomicInteger artifactDownloads = new AtomicInteger();
    private DesiredState state = new DesiredState("empty", List.of());

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/feed/desired-state", this::desiredState);
        server.createContext("/api/v1/feed/pod-status", this::podStatus);
        server.createContext("/api/v1/feed/monitoring", this::monitoring);
        server.createContext("/artifacts/", this::artifact);
        server.start();
    }

    /** A started double; a failure to bind fails the test class's initialisation. */
    static FakeRegistry start() {
        try {
            return new FakeRegistry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points the pod under test at this registry as pod {@code podId}, caching its artifacts in {@code cache}. */
    void follow(DynamicPropertyRegistry properties, String podId, Path cache) {
        properties.add("verso.inference.registry.uri", () -> uri().toString());
        properties.add("verso.inference.registry.token", () -> TOKEN);
        properties.add("verso.inference.registry.pod-id", () -> podId);
        properties.add("verso.inference.registry.endpoint", () -> "http://" + podId + ":8501");
        properties.add("verso.inference.registry.cache-dir", cache::toString);
        properties.add("verso.inference.registry.heartbeat", () -> "1s");
    }

    static Path temporaryCache() {
        try {
            return Files.createTempDirectory("verso-registry-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo half_plus_two SavedModel as a .tar.gz, with a marker file so each version's bytes differ. */
    static byte[] archive(String marker) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            SavedModelPacker.tarGz(DemoModelRepository.halfPlusTwo().resolve("1"),
                    Map.of("assets.extra/marker", marker.getBytes(StandardCharsets.UTF_8)), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }


    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void artifact(String name, byte[] bytes) {
        artifacts.put(name, bytes);
    }

    /** Publishes a state; long-polls waiting on the previous revision answer at once. */
    synchronized void publish(String revision, DesiredModel... models) {
        state = new DesiredState(revision, List.of(models));
        notifyAll();
    }

    static DesiredVersion version(long version, String artifact, byte[] bytes, String sha256, VersionRole... roles) {
        return new DesiredVersion(version, roles.length == 0 ? Set.of() : Set.of(roles), "/artifacts/" + artifact,
                sha256, bytes.length, "TAR_GZ", Map.of());
    }

    static DesiredModel model(String name, Map<String, Long> labels, DesiredVersion... versions) {
        return new DesiredModel(name, List.of(versions), new LinkedHashMap<>(labels));
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        if (("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return false;
    }

    private void desiredState(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String known = exchange.getRequestHeaders().getFirst("If-None-Match");
        DesiredState answer;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + 2_000;
            while (known != null && known.equals("\"" + state.revision() + "\"")
                    && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer = state;
        }
        if (known != null && known.equals("\"" + answer.revision() + "\"")) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        byte[] body = RegistryClient.JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("ETag", "\"" + answer.revision() + "\"");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void podStatus(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        reports.add(RegistryClient.JSON.readValue(exchange.getRequestBody().readAllBytes(), PodStatus.class));
        byte[] body = "{\"podId\":\"x\",\"expiresAt\":\"2030-01-01T00:00:00Z\",\"ttlSeconds\":30}".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void monitoring(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        monitoring.add(RegistryClient.JSON.readValue(exchange.getRequestBody().readAllBytes(),
                PodMonitoringReport.class));
        byte[] body = "{\"podId\":\"x\",\"summaries\":1,\"expiresAt\":\"2030-01-01T00:00:00Z\"}".getBytes();
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void artifact(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        byte[] bytes = artifacts.get(exchange.getRequestURI().getPath().substring("/artifacts/".length()));
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            artifactDownloads.incrementAndGet();
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
