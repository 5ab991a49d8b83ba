package io.verso.gateway.tracing;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.verso.gateway.routing.RouteDecision;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the gateway's routing into traces. Costs a lookup and a flag check for a request whose trace is not
 * sampled: attributes and the shadow span exist only when the server span records.
 */
public final class RouteTracing {

    /** Tracing off: Micrometer's no-op tracer and propagator. */
    public static final RouteTracing OFF = new RouteTracing(Tracer.NOOP, Propagator.NOOP);

    private final Tracer tracer;
    private final Propagator propagator;

    public RouteTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Tags the request's server span with where it goes: {@code verso.model}, {@code verso.version},
     * {@code verso.role} (stable, canary, pinned) and {@code verso.sticky} (a routing key chose the side).
     */
    public void decided(ServerWebExchange exchange, RouteDecision decision, boolean sticky) {
        Span server = serverSpan(exchange);
        if (server.isNoop()) {
            return;
        }
        if (decision.model() != null) {
            server.tag("verso.model", decision.model());
        }
        if (decision.version() != null) {
            server.tag("verso.version", decision.version());
        }
        server.tag("verso.role", decision.role().tag()).tag("verso.sticky", sticky);
        if (decision.shadow() != null) {
            server.tag("verso.shadow.version", decision.shadow().version());
        }
    }

    /**
     * Starts the span of a shadow copy: a new trace (the copy is not part of the client's request, whose trace must
     * not wait for it) linked to the request's server span. NOOP when the request is not sampled.
     */
    public Span shadow(ServerWebExchange exchange, String model, long version) {
        Span server = serverSpan(exchange);
        if (server.isNoop()) {
            return Span.NOOP;
        }
        Span shadow = tracer.spanBuilder().setNoParent().name("verso.shadow").kind(Span.Kind.CLIENT)
                .addLink(new Link(server)).tag("verso.model", model).tag("verso.version", version)
                .tag("verso.role", "shadow").start();
        return shadow;
    }

    /** Writes the {@code traceparent} of a shadow span into its copy's headers, so the shadow pod continues it. */
    public void inject(Span shadow, HttpHeaders headers) {
        if (!shadow.isNoop()) {
            propagator.inject(shadow.context(), headers, HttpHeaders::set);
        }
    }

    /** The span of the HTTP server observation Spring opened for the exchange; NOOP when none. */
    static Span serverSpan(ServerWebExchange exchange) {
        Map<String, Object> attributes = exchange.getAttributes();
        return ServerRequestObservationContext.findCurrent(attributes)
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(Span.NOOP);
    }
}
