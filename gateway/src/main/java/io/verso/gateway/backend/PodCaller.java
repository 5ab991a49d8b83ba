package io.verso.gateway.backend;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.verso.gateway.routing.EndpointPicker;
import io.verso.gateway.routing.OutstandingRequests;
import java.net.ConnectException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a request to one of a version's pods through the rest of the Spring Cloud Gateway filter chain (the
 * {@link PodTargetFilter} points its routing filter at the pod), each attempt under its pod's Resilience4j
 * protection. Another pod is tried only when the request provably never left the gateway
 * (connection refused, breaker open, bulkhead full): a predict that may have run is never sent twice. The request
 * body must be replayable (the body-limit filter caches it) for the second attempt to carry it.
 */
public final class PodCaller {

    private static final Logger log = LoggerFactory.getLogger(PodCaller.class);

    private final EndpointPicker picker;
    private final PodResilience resilience;
    private final OutstandingRequests outstanding;

    public PodCaller(EndpointPicker picker, PodResilience resilience, OutstandingRequests outstanding) {
        this.picker = picker;
        this.resilience = resilience;
        this.outstanding = outstanding;
    }

    public Mono<Void> forward(ServerWebExchange exchange, GatewayFilterChain chain, List<String> endpoints,
                              String path) {
        return call(endpoints, path, pod -> Mono.defer(() -> {
            exchange.getAttributes().put(PodTargetFilter.TARGET_ATTR, target(exchange, pod, path));
            return chain.filter(exchange);
        }), () -> exchange.getResponse().isCommitted(), () -> ServerWebExchangeUtils.reset(exchange));
    }

    /**
     * Sends a call, HTTP or gRPC, to one of {@code endpoints}, trying another only when the first provably never
     * received it and nothing was answered yet.
     *
     * @param what     names the call in the log
     * @param send     sends it to the given pod
     * @param answered true once part of the answer went to the client, so a second try is impossible
     * @param reset    prepares the call for another try
     */
    public <T> Mono<T> call(List<String> endpoints, String what, Function<String, Mono<T>> send,
                            BooleanSupplier answered, Runnable reset) {
        return attempt(endpoints, what, send, answered, reset, new HashSet<>(), null);
    }

    private <T> Mono<T> attempt(List<String> endpoints, String what, Function<String, Mono<T>> send,
                                BooleanSupplier answered, Runnable reset, Set<String> tried, Throwable lastRefusal) {
        Optional<String> picked = picker.pick(endpoints, tried);
        if (picked.isEmpty()) {
            return Mono.error(new NoPodAvailableException("no inference pod could take the request ("
                    + tried.size() + " tried)", lastRefusal));
        }
        String pod = picked.get();
        tried.add(pod);
        Mono<T> call = Mono.defer(() -> {
            outstanding.started(pod);
            return send.apply(pod).doFinally(signal -> outstanding.finished(pod));
        });
        return resilience.protect(pod, call)
                .onErrorResume(e -> neverSent(e) && !answered.getAsBoolean(), e -> {
                    log.debug("Pod {} refused {} before it was sent ({}); trying another", pod, what, e.toString());
                    reset.run();
                    return attempt(endpoints, what, send, answered, reset, tried, e);
                });
    }

    /** True only where the pod cannot have seen the request. */
    static boolean neverSent(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // netty's ConnectTimeoutException and AnnotatedConnectException are ConnectExceptions too.
            if (cause instanceof ConnectException || cause instanceof CallNotPermittedException
                    || cause instanceof BulkheadFullException) {
                return true;
            }
        }
        return false;
    }

    private static URI target(ServerWebExchange exchange, String pod, String path) {
        String base = pod.endsWith("/") ? pod.substring(0, pod.length() - 1) : pod;
        String query = exchange.getRequest().getURI().getRawQuery();
        return URI.create(base + path + (query == null ? "" : "?" + query));
    }
}
