package io.verso.registry.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a local port (the JDK's HTTP server) that answers 500 to the first {@code failures} attempts
 * of each delivery and 204 after, and keeps every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Received(String event, String delivery, String timestamp, String signature, String body) {
    }

    private final HttpServer server;
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    public WebhookReceiver(int failures) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                String delivery = headers.getFirst("X-Verso-Delivery");
                int attempt = attempts.computeIfAbsent(delivery, d -> new AtomicInteger()).incrementAndGet();
                if (attempt <= failures) {
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    accepted.add(new Received(headers.getFirst("X-Verso-Event"), delivery,
                            headers.getFirst("X-Verso-Timestamp"), headers.getFirst("X-Verso-Signature"), body));
                    exchange.sendResponseHeaders(204, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public List<Received> accepted() {
        return List.copyOf(accepted);
    }

    int attempts(String delivery) {
        AtomicInteger count = attempts.get(delivery);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
