package io.verso.gateway.shadow;

import io.micrometer.tracing.Span;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.routing.EndpointPicker;
import io.verso.gateway.routing.Role;
import io.verso.gateway.routing.ShadowTarget;
import io.verso.gateway.tracing.RouteTracing;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends the copy of a request to its shadow version and compares the answers. The copy runs on its own
 * subscription with its own time-out: the client's answer never waits for it, and a shadow that errors or hangs
 * only shows in the shadow metrics. A sampled request's copy is traced in a trace of its own, linked to the request's.
 */
public final class ShadowMirror {

    private static final Logger log = LoggerFactory.getLogger(ShadowMirror.class);
    private static final String SHADOW_HEADER = "X-Verso-Shadow";
    private static final String BINARY_HEADER = "Inference-Header-Content-Length";

    private final WebClient client;
    private final EndpointPicker picker;
    private final GatewayMetrics metrics;
    private final Duration timeout;
    private final RouteTracing tracing;

    public ShadowMirror(WebClient client, EndpointPicker picker, GatewayMetrics metrics, Duration timeout,
                        RouteTracing tracing) {
        this.client = client;
        this.picker = picker;
        this.metrics = metrics;
        this.timeout = timeout;
        this.tracing = tracing;
    }

    /**
     * Fires the copy and returns at once.
     *
     * @param answered the client's answer once written (empty when the client got none)
     */
    public void mirror(String model, ShadowTarget target, ServerWebExchange exchange, byte[] body,
                       Mono<Answer> answered) {
        String pod = picker.pick(target.endpoints(), Set.of()).orElse(null);
        if (pod == null) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        Span span = tracing.shadow(exchange, model, target.version());
        long start = System.nanoTime();
        String query = request.getURI().getRawQuery();
        String base = pod.endsWith("/") ? pod.substring(0, pod.length() - 1) : pod;
        client.method(request.getMethod())
                .uri(base + target.path() + (query == null ? "" : "?" + query))
                .headers(headers -> {
                    copyHeaders(request.getHeaders(), headers);
                    tracing.inject(span, headers);
                })
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> new Answer(response.statusCode().value(), bytes, false)))
                .timeout(timeout)
                .doOnNext(shadow -> metrics.request(model, target.version(), Role.SHADOW.tag(),
                        GatewayMetrics.outcomeOf(shadow.status()), shadow.status(), elapsed(start)))
                .doOnError(e -> metrics.request(model, target.version(), Role.SHADOW.tag(),
                        e instanceof TimeoutException ? "TIMEOUT" : "ERROR", 0, elapsed(start)))
                .doOnError(span::error)
                .doFinally(signal -> span.end())
                .zipWith(answered.timeout(timeout))
                .subscribe(pair -> compare(model, target.version(), pair.getT2(), pair.getT1()),
                        e -> log.debug("Shadow copy of {} to version {} gave no comparison: {}", model,
                                target.version(), e.toString()));
    }

    private void compare(String model, long shadowVersion, Answer answered, Answer shadow) {
        if (answered.truncated() || answered.status() != shadow.status()) {
            metrics.shadowMismatch(model, shadowVersion);
            return;
        }
        OptionalDouble difference = Disagreement.maxAbsoluteDifference(answered.body(), shadow.body());
        if (difference.isPresent()) {
            metrics.shadowDisagreement(model, shadowVersion, difference.getAsDouble());
        } else if (answered.status() < 400) {
            metrics.shadowMismatch(model, shadowVersion);
        }
    }

    private static void copyHeaders(HttpHeaders from, HttpHeaders to) {
        if (from.getContentType() != null) {
            to.setContentType(from.getContentType());
        }
        to.setAccept(from.getAccept());
        // The V2 binary tensor extension: without it the pod cannot split the JSON header from the raw tensors.
        String binaryHeader = from.getFirst(BINARY_HEADER);
        if (binaryHeader != null) {
            to.set(BINARY_HEADER, binaryHeader);
        }
        to.set(SHADOW_HEADER, "true");
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
