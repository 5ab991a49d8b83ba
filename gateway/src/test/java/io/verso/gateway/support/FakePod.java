package io.verso.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server standing in for an inference pod. It records every inference request it receives and answers
 * {@code {"predictions":[value],"pod":name,"path":path}} (or errors, hangs, or drops the connection after reading
 * the request, as told). Its liveness path answers {@link #healthStatus}.
 */
public final class FakePod implements AutoCloseable {

    public enum Behaviour { ANSWER, ERROR, HANG, DROP_AFTER_READ }

    /** What arrived: method, path with query, the routing-key header, body. */
    public record Received(String method, String uri, String body) {
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile double value = 1.0;
    private volatile int healthStatus = 200;
    private volatile DisposableServer server;
    private int port;

    private FakePod(String name) {
        this.name = name;
    }

    public static FakePod start(String name) {
        FakePod pod = new FakePod(name);
        pod.bind(0);
        return pod;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public List<Received> received() {
        return received;
    }

    public FakePod behave(Behaviour newBehaviour) {
        behaviour = newBehaviour;
        return this;
    }

    public FakePod answerValue(double newValue) {
        value = newValue;
        return this;
    }

    public FakePod healthStatus(int status) {
        healthStatus = status;
        return this;
    }

    /** Stops listening: connections are refused, as with a killed pod. */
    public void kill() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** Listens again on the same port, as a restarted pod behind the same address. */
    public void revive() {
        bind(port);
    }

    @Override
    public void close() {
        if (!server.isDisposed()) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private void bind(int wanted) {
        server = HttpServer.create().host("127.0.0.1").port(wanted).handle(this::handle).bindNow();
        port = server.port();
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (request.path().startsWith("v2/health")) {
            return response.status(healthStatus).send();
        }
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .flatMap(body -> {
                    received.add(new Received(request.method().name(), request.uri(), body));
                    return switch (behaviour) {
                        case ANSWER -> json(response, 200, "{\"predictions\":[" + value + "],\"pod\":\"" + name
                                + "\",\"path\":\"" + request.uri() + "\"}");
                        case ERROR -> json(response, 500, "{\"error\":\"" + name + " failed\"}");
                        case HANG -> Mono.never();
                        case DROP_AFTER_READ -> Mono.<Void>fromRunnable(
                                () -> response.withConnection(connection -> connection.dispose()));
                    };
                });
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }
}
