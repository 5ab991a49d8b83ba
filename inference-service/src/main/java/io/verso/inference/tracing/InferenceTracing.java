package io.verso.inference.tracing;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Opens the pod's spans. The contract that keeps tracing free when it is off: every method takes the parent span
 * and answers {@link Span#NOOP} (or does nothing) when that parent is not recording, i.e. when the call was not
 * sampled, so an unsampled call allocates no span, no attribute and no timestamp. Waits measured with
 * {@link System#nanoTime()} become spans after the fact, with start and end moved onto the wall clock.
 */
public final class InferenceTracing {

    /** Tracing off: Micrometer's no-op tracer, every span {@link Span#NOOP}. */
    public static final InferenceTracing OFF = new InferenceTracing(Tracer.NOOP);

    private final Tracer tracer;
    private final Clock clock = Clock.systemUTC();

    public InferenceTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The span in scope on this thread (the server span while a handler hands a call over), else NOOP. */
    public Span current() {
        Span span = tracer.currentSpan();
        return span == null ? Span.NOOP : span;
    }

    /**
     * The span of the HTTP server observation Spring opened for an exchange (continuing the caller's
     * {@code traceparent}), NOOP when there is none.
     */
    public static Span serverSpan(Map<String, Object> exchangeAttributes) {
        return ServerRequestObservationContext.findCurrent(exchangeAttributes)
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(Span.NOOP);
    }

    /** A started child of {@code parent}, or NOOP when the parent is not recording. */
    public Span start(String name, Span parent) {
        if (parent.isNoop()) {
            return Span.NOOP;
        }
        return tracer.nextSpan(parent).name(name).start();
    }

    /**
     * Puts {@code span} in scope on this thread until the returned scope closes. An unsampled span goes in scope
     * too (it only sets a thread-local): its trace id still reaches the records.
     */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span == Span.NOOP ? null : span);
    }

    /** Records a finished wait, measured from {@code startNanos} to {@code endNanos}, as a child of parent. */
    public void waited(String name, Span parent, long startNanos, long endNanos) {
        if (parent.isNoop()) {
            return;
        }
        long offset = epochNanos() - System.nanoTime();
        tracer.spanBuilder().setParent(parent.context()).name(name)
                .startTimestamp(startNanos + offset, TimeUnit.NANOSECONDS).start()
                .end(endNanos + offset, TimeUnit.NANOSECONDS);
    }

    /**
     * The span of one batch: a child of the first sampled request in it (so that request's trace shows the batch
     * and the TensorFlow run below it), linked to every sampled request that shares it, with the batch's rows and
     * request count. NOOP when no request of the batch is sampled.
     */
    public Span batch(List<Span> requests, int rows, int paddedRows) {
        Span parent = null;
        for (Span request : requests) {
            if (!request.isNoop()) {
                parent = request;
                break;
            }
        }
        if (parent == null) {
            return Span.NOOP;
        }
        Span.Builder batch = tracer.spanBuilder().setParent(parent.context()).name("verso.batch")
                .tag("verso.batch.rows", rows).tag("verso.batch.padded_rows", paddedRows)
                .tag("verso.batch.requests", requests.size());
        for (Span request : requests) {
            if (!request.isNoop()) {
                batch.addLink(new Link(request));
            }
        }
        return batch.start();
    }

    /** The trace id of a call whose server span is {@code span}; null when tracing is off. */
    public static String traceId(Span span) {
        if (span == Span.NOOP) {
            return null;
        }
        String id = span.context().traceId();
        return id == null || id.isEmpty() ? null : id;
    }

    private long epochNanos() {
        Instant now = clock.instant();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }
}
