package io.verso.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.verso.cli.registry.RegistryClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A transition that commits between the follower's read of the deployment and its read of the history (seen in CI:
 * {@code watch} printed the PROMOTE event, then the deployment from before it, then stopped). The registry here is a
 * real HTTP server whose history is always one revision ahead of the deployment it served last.
 */
class DeploymentFollowerTest {

    private final AtomicLong deploymentRevision = new AtomicLong(1);
    private HttpServer registry;

    @BeforeEach
    void startTheRegistry() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/api/v1/models/m/deployment", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/history")) {
                answer(exchange, history(deploymentRevision.get() + 1));
            } else {
                long revision = deploymentRevision.get();
                exchange.getResponseHeaders().set("ETag", "\"" + revision + "\"");
                answer(exchange, "{\"model\": \"m\", \"revision\": " + revision + "}");
            }
        });
        registry.start();
    }

    @AfterEach
    void stopTheRegistry() {
        registry.stop(0);
    }

    @Test
    void anEventCommittedAfterTheDeploymentWasReadWaitsForTheNextPoll() {
        DeploymentFollower follower = new DeploymentFollower(
                new RegistryClient(URI.create("http://127.0.0.1:" + registry.getAddress().getPort() + "/"), "t"),
                "m");
        assertThat(follower.start().get("revision").asLong()).isEqualTo(1);

        deploymentRevision.set(2);
        DeploymentFollower.Change first = follower.poll().orElseThrow();
        assertThat(first.deployment().get("revision").asLong()).isEqualTo(2);
        assertThat(revisions(first.events())).containsExactly(2L);

        assertThat(follower.poll()).as("nothing changed since revision 2 was read").isEmpty();

        deploymentRevision.set(3);
        DeploymentFollower.Change second = follower.poll().orElseThrow();
        assertThat(revisions(second.events())).containsExactly(3L);
    }

    private static List<Long> revisions(List<JsonNode> events) {
        return events.stream().map(event -> event.get("revision").asLong()).toList();
    }

    /** Newest first, as the registry pages it. */
    private static String history(long newest) {
        StringBuilder items = new StringBuilder();
        for (long revision = newest; revision >= 1; revision--) {
            items.append(items.isEmpty() ? "" : ",").append("{\"revision\": ").append(revision)
                    .append(", \"action\": \"PROMOTE\"}");
        }
        return "{\"items\": [" + items + "], \"totalPages\": 1}";
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        String etag = exchange.getResponseHeaders().getFirst("ETag");
        if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
