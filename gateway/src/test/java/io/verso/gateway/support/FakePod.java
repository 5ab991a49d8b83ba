package io.verso.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server standing in for an inference pod. It records every inference request it receives and answers
 * {@code {"predictions":[value],"pod":name,"path":path}} (or errors, hangs, or drops the connection after reading
 * the request, as told). Its liveness path answers {@link #healthStatus}.
 */
public final class FakePod extends RestartableServer {

    public enum Behaviour { ANSWER, ERROR, HANG, DROP_AFTER_READ }

    /** What arrived: method, path with query, the routing-key header, body. */
    public record Received(String method, String uri, String body) {
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile double value = 1.0;
    private volatile int healthStatus = 200;

    private FakePod(String name) {
        this.name = name;
    }

    public static FakePod start(String name) {
        FakePod pod = new FakePod(name);
        pod.listen();
        return pod;
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



    @Override
    protected Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
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
