package io.verso.gateway.testsupport;

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

    /**
     * What arrived: method, path with query, body, the gateway's X-Verso-Route and X-Request-Id headers, and the W3C
     * traceparent header (null when none).
     */
    public record Received(String method, String uri, String body, String route, String requestId,
                           String traceparent) {
    }

    private final String name;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.ANSWER;
    private volatile double value = 1.0;
    private volatile int healthStatus = 200;
    private final java.util.Set<String> knownRequestIds = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /** Predictions this pod served, by request id: its {@code /v1/feedback} matches these and no others. */
    public FakePod knows(String... requestIds) {
        knownRequestIds.addAll(List.of(requestIds));
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
                    // Feedback is kept apart from the inference requests that tests count.
                    boolean feedback = request.path().equals("v1/feedback");
                    if (!feedback) {
                        received.add(new Received(request.method().name(), request.uri(), body,
                                request.requestHeaders().get("X-Verso-Route"),
                                request.requestHeaders().get("X-Request-Id"),
                                request.requestHeaders().get("traceparent")));
                    }
                    if (feedback && behaviour == Behaviour.ANSWER) {
                        return feedback(response, body);
                    }
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

    /** Answers like an inference pod's feedback endpoint: matched for known ids, not found for others. */
    private Mono<Void> feedback(HttpServerResponse response, String body) {
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        if (!json.has("items")) {
            String id = json.get("request_id").asString();
            return knownRequestIds.contains(id)
                    ? json(response, 200, "{\"request_id\":\"" + id + "\",\"status\":\"matched\",\"pod\":\"" + name + "\"}")
                    : json(response, 404, "{\"error\":\"no recent prediction has request id '" + id + "'\"}");
        }
        StringBuilder items = new StringBuilder();
        for (tools.jackson.databind.JsonNode item : json.get("items")) {
            String id = item.get("request_id").asString();
            items.append(items.isEmpty() ? "" : ",").append("{\"request_id\":\"").append(id).append("\",\"status\":\"")
                    .append(knownRequestIds.contains(id) ? "matched\",\"pod\":\"" + name : "not_found")
                    .append("\"}");
        }
        return json(response, 200, "{\"items\":[" + items + "]}");
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
    }
}
