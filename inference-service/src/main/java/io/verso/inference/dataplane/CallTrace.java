package io.verso.inference.dataplane;

import io.micrometer.tracing.Span;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.TensorValue;
import io.verso.inference.tracing.InferenceTracing;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Collects what one call learns on its way through the data plane (which version and signature ran, the decoded
 * inputs, when each stage started) so that the observers get one record when it ends, and holds the call's span
 * ({@code verso.infer}, NOOP when not sampled). Written by the inference thread, read by whichever thread finishes
 * the call: the fields are volatile.
 */
final class CallTrace {

    private static final Set<ErrorCode> SERVER_FAULTS = EnumSet.of(ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE,
            ErrorCode.DEADLINE_EXCEEDED);

    private final InferenceRequest request;
    private final InferenceTracing tracing;
    private final Span span;
    private final String traceId;
    private final long submittedNanos;
    private volatile long startedNanos;
    private volatile long runStartedNanos;
    private volatile long version;
    private volatile String signature;
    private volatile Map<String, TensorValue> inputs;

    /** @param server the span in scope where the call was handed over: the protocol's server span */
    CallTrace(InferenceRequest request, InferenceTracing tracing, Span server) {
        this.request = request;
        this.tracing = tracing;
        this.traceId = InferenceTracing.traceId(server);
        this.span = tracing.start("verso.infer", server);
        if (!span.isNoop()) {
            CallContext call = request.call();
            span.tag("verso.model", request.model()).tag("verso.api", call.api()).tag("verso.method", call.method())
                    .tag("verso.request_id", call.requestId());
        }
        submittedNanos = System.nanoTime();
    }

    Span span() {
        return span;
    }

    /** An inference thread took the call: the wait for it becomes the {@code verso.executor.wait} span. */
    void started() {
        startedNanos = System.nanoTime();
        tracing.waited("verso.executor.wait", span, submittedNanos, startedNanos);
    }

    void leased(long version) {
        this.version = version;
        if (!span.isNoop()) {
            span.tag("verso.version", version);
        }
    }

    void running(String signature, Map<String, TensorValue> inputs) {
        this.signature = signature;
        this.inputs = inputs;
        runStartedNanos = System.nanoTime();
    }

    InferenceRecord finish(Map<String, TensorValue> outputs, Throwable failure) {
        long now = System.nanoTime();
        if (failure != null) {
            span.error(failure);
        }
        span.end();
        CallContext call = request.call();
        long queueNanos = (startedNanos == 0 ? now : startedNanos) - submittedNanos;
        long runNanos = runStartedNanos == 0 ? 0 : now - runStartedNanos;
        return new InferenceRecord(call.requestId(), call.api(), call.method(), request.model(), version, signature,
                inputs, failure == null ? outputs : null, failure == null ? null : errorCode(failure),
                failure != null && isVersionFault(failure), call.headers(), call.requestBytes(), queueNanos, runNanos,
                now - call.receivedNanos(), traceId);
    }

    /**
     * Whether canary analysis holds the failure against the version: what the model raised while running, and the
     * pod's own failures, but never a caller's malformed request, which an attacker could send at will.
     */
    static boolean isVersionFault(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InferenceException e) {
            return e.raisedByModel() || SERVER_FAULTS.contains(e.code());
        }
        return !(cause instanceof CancellationException);
    }

    /** The code the client's answer carries: what an {@link InferenceException} says, else INTERNAL. */
    static ErrorCode errorCode(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InferenceException e) {
            return e.code();
        }
        return cause instanceof CancellationException ? ErrorCode.CANCELLED : ErrorCode.INTERNAL;
    }
}
