package io.verso.gateway.proxy;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.verso.gateway.backend.NoPodAvailableException;
import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.errors.JsonErrors;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.routing.InferencePath;
import io.verso.gateway.routing.Role;
import io.verso.gateway.routing.RouteDecision;
import io.verso.gateway.routing.Router;
import io.verso.gateway.routing.RoutingProblem;
import io.verso.gateway.routing.RoutingSnapshot;
import io.verso.gateway.shadow.AnswerCapture;
import io.verso.gateway.shadow.ShadowMirror;
import io.verso.gateway.tracing.RouteTracing;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Applies the routing decision to one request: rewrites the path to pin the chosen version, sends it to a pod of
 * that version, announces the version in {@code X-Verso-Model-Version}, fires the shadow copy, and records the
 * request metrics; the decision also goes onto the request's trace.
 *
 * <p>Two headers the pod trusts are the gateway's, never the client's: {@value #ROUTE_HEADER} says why the call
 * went to its version (the pods leave calls a client steered out of the canary analysis sample), and
 * {@value #REQUEST_ID_HEADER} is a fresh random id that the pod keeps the prediction under and echoes to the client
 * for feedback: a client-chosen id could overwrite, or score, another caller's stored prediction.
 */
public final class InferenceRoutingFilter implements GatewayFilter, Ordered {

    /**
     * Before Spring Cloud Gateway's response-writing filter (order -1): the shadow capture must wrap the response it
     * writes to, and the pod's protection must cover the answer's body, not only its headers.
     */
    public static final int ORDER = -50;
    public static final String ROUTING_KEY_HEADER = "X-Verso-Routing-Key";
    public static final String VERSION_HEADER = "X-Verso-Model-Version";
    public static final String ROUTE_HEADER = "X-Verso-Route";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final Supplier<RoutingSnapshot> routing;
    private final PodCaller pods;
    private final ShadowMirror shadows;
    private final GatewayMetrics metrics;
    private final RouteTracing tracing;
    private final int captureLimit;

    /** @param captureLimit bytes of the client's answer kept for the shadow comparison */
    public InferenceRoutingFilter(Supplier<RoutingSnapshot> routing, PodCaller pods, ShadowMirror shadows,
                                  GatewayMetrics metrics, RouteTracing tracing, int captureLimit) {
        this.routing = routing;
        this.pods = pods;
        this.shadows = shadows;
        this.metrics = metrics;
        this.tracing = tracing;
        this.captureLimit = captureLimit;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long start = System.nanoTime();
        RouteDecision decision;
        String routingKey = exchange.getRequest().getHeaders().getFirst(ROUTING_KEY_HEADER);
        try {
            InferencePath path = InferencePath.parse(exchange.getRequest().getURI().getRawPath());
            decision = Router.decide(routing.get(), path, routingKey, ThreadLocalRandom.current());
        } catch (RoutingProblem problem) {
            return JsonErrors.write(exchange, problem.status(), problem.getMessage())
                    .doFinally(signal -> record(exchange, null, signal, start));
        }
        tracing.decided(exchange, decision, routingKey != null
                && (decision.role() == Role.STABLE || decision.role() == Role.CANARY));
        String route = routeOf(decision, routingKey);
        String requestId = UUID.randomUUID().toString();
        ServerWebExchange stamped = exchange.mutate().request(request -> request.headers(headers -> {
            headers.set(ROUTE_HEADER, route);
            headers.set(REQUEST_ID_HEADER, requestId);
        })).build();
        return route(stamped, chain, decision, start);
    }

    private Mono<Void> route(ServerWebExchange exchange, GatewayFilterChain chain, RouteDecision decision,
                             long start) {
        if (decision.version() != null) {
            String version = Long.toString(decision.version());
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set(VERSION_HEADER, version);
                return Mono.empty();
            });
        }
        ServerWebExchange forwarded = exchange;
        AnswerCapture capture = null;
        if (decision.shadow() != null) {
            capture = new AnswerCapture(exchange.getResponse(), captureLimit);
            forwarded = exchange.mutate().response(capture).build();
            shadows.mirror(decision.model(), decision.shadow(), exchange,
                    CachedBodyFilter.bodyOf(exchange), capture.answer());
        }
        AnswerCapture captured = capture;
        ServerWebExchange sent = forwarded;
        return pods.forward(sent, chain, decision.endpoints(), decision.path())
                .onErrorResume(e -> !sent.getResponse().isCommitted(),
                        e -> JsonErrors.write(sent, statusOf(e), messageOf(decision, e)))
                .doFinally(signal -> {
                    if (captured != null) {
                        captured.finish();
                    }
                    record(exchange, decision, signal, start);
                });
    }

    /** The client steered the call when it pinned a version or label, or when its routing key chose the side. */
    static String routeOf(RouteDecision decision, String routingKey) {
        if (decision.role() == Role.PINNED) {
            return "pinned";
        }
        return routingKey != null && (decision.role() == Role.STABLE || decision.role() == Role.CANARY)
                ? "sticky" : decision.role().tag();
    }

    private void record(ServerWebExchange exchange, RouteDecision decision, SignalType signal, long start) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = status == null ? 0 : status.value();
        String outcome = signal == SignalType.CANCEL ? "CANCELLED"
                : signal == SignalType.ON_ERROR ? "ERROR" : GatewayMetrics.outcomeOf(code);
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (decision == null) {
            // Never the client's model string as a tag: unknown names would grow the metrics without bound.
            metrics.request(null, null, "none", outcome, code, latency);
        } else {
            metrics.request(decision.model(), decision.version(), decision.role().tag(), outcome, code, latency);
        }
    }

    private static int statusOf(Throwable error) {
        if (error instanceof NoPodAvailableException || error instanceof CallNotPermittedException
                || error instanceof BulkheadFullException) {
            return 503;
        }
        return error instanceof TimeoutException ? 504 : 502;
    }

    private static String messageOf(RouteDecision decision, Throwable error) {
        String target = decision.model() == null ? "the request"
                : decision.model() + (decision.version() == null ? "" : " version " + decision.version());
        if (error instanceof TimeoutException) {
            return "The inference pod did not answer " + target + " in time";
        }
        if (statusOf(error) == 503) {
            return "No inference pod is available for " + target;
        }
        return "The inference pod failed while serving " + target + ": " + error.getMessage();
    }
}
