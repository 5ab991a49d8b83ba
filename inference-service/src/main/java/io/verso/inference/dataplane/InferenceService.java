package io.verso.inference.dataplane;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.ServableLease;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.Futures;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.SignatureValidator;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionStatus;
import io.verso.inference.tracing.InferenceTracing;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point both APIs call. A request leases its version for exactly as long as it runs, so a version
 * being unloaded finishes its in-flight work first. Every call, answered or failed, is told to each
 * {@link InferenceObserver} once.
 *
 * <p>Tracing: a call continues the span in scope on the thread that calls {@link #infer} (the protocol's server
 * span, which carries the caller's W3C trace context) with a {@code verso.infer} span and, below it, the executor
 * wait, decode, validate and the model run (batched: batch wait, then the shared batch span).
 */
public final class InferenceService {

    private static final Logger log = LoggerFactory.getLogger(InferenceService.class);

    private final ModelManager manager;
    private final BoundedExecutor executor;
    private final List<InferenceObserver> observers;
    private final InferenceTracing tracing;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InferenceService(ModelManager manager, BoundedExecutor executor, List<InferenceObserver> observers,
                            InferenceTracing tracing) {
        this.manager = manager;
        this.executor = executor;
        this.observers = List.copyOf(observers);
        this.tracing = tracing;
    }

    /**
     * Decodes and validates a request on an inference thread, then runs it: on that thread, or, for a batched
     * signature, on the batch thread that runs its batch. The lease is held until the outputs exist.
     */
    public CompletableFuture<Prediction> infer(InferenceRequest request) {
        CallTrace trace = new CallTrace(request, tracing, tracing.current());
        inFlight.incrementAndGet();
        CompletableFuture<CompletableFuture<Prediction>> started = executor.submit(() -> start(request, trace));
        CompletableFuture<Prediction> answer = started.thenCompose(running -> running);
        // A client that disconnects cancels the answer; pass that on so a queued batch request is dropped.
        answer.whenComplete((prediction, failure) -> {
            if (answer.isCancelled()) {
                started.thenAccept(running -> running.cancel(false));
            }
            inFlight.decrementAndGet();
            tell(trace.finish(prediction == null ? null : prediction.outputs(), failure));
        });
        return answer;
    }

    /**
     * Tells the observers about a call that failed before it reached {@link #infer}, e.g. on a body that is not
     * JSON, so that they see every call the client made.
     */
    public void rejected(String model, CallContext call, ErrorCode error) {
        long totalNanos = System.nanoTime() - call.receivedNanos();
        tell(new InferenceRecord(call.requestId(), call.api(), call.method(), model, 0, null, null, null, error,
                false, call.headers(), call.requestBytes(), 0, 0, totalNanos,
                InferenceTracing.traceId(tracing.current())));
    }

    private void tell(InferenceRecord record) {
        for (InferenceObserver observer : observers) {
            try {
                observer.completed(record);
            } catch (RuntimeException e) {
                // An observer's bug must not change the client's answer, nor keep the others from hearing.
                log.warn("Inference observer {} failed on request {}", observer.getClass().getName(),
                        record.requestId(), e);
            }
        }
    }

    private CompletableFuture<Prediction> start(InferenceRequest request, CallTrace trace) {
        trace.started();
        ServableLease lease = manager.acquire(request.model(), request.selector());
        try {
            trace.leased(lease.version());
            SignatureSpec signature = lease.servable().metadata().signature(request.signatureName());
            Map<String, TensorValue> inputs = decode(request, signature, trace.span());
            trace.running(signature.key(), inputs);
            CompletableFuture<Map<String, TensorValue>> outputs;
            // In scope for the servable: the batch wait, or an unbatched TensorFlow run, become the call's children.
            try (Tracer.SpanInScope ignored = tracing.inScope(trace.span())) {
                outputs = lease.servable().runAsync(signature, inputs, request.outputKeys());
            }
            outputs.whenComplete((result, failure) -> lease.close());
            return Futures.cancelling(
                    outputs.thenApply(result -> new Prediction(lease.model(), lease.version(), signature, result)),
                    List.of(outputs));
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Decodes the inputs and, when the call is sampled, validates them in a span of their own (the servable
     * validates every request again, so validation is only repeated for traced calls, to time it apart).
     */
    private Map<String, TensorValue> decode(InferenceRequest request, SignatureSpec signature, Span span) {
        Span decode = tracing.start("verso.decode", span);
        Map<String, TensorValue> inputs;
        try {
            inputs = request.inputs().decode(signature);
        } catch (RuntimeException e) {
            decode.error(e);
            throw e;
        } finally {
            decode.end();
        }
        if (!span.isNoop()) {
            Span validate = tracing.start("verso.validate", span);
            try {
                SignatureValidator.validate(signature, inputs, request.outputKeys());
            } catch (RuntimeException e) {
                validate.error(e);
                throw e;
            } finally {
                validate.end();
            }
        }
        return inputs;
    }

    /** The metadata of the selected version, with its number. */
    public VersionMetadata metadata(String model, VersionSelector selector) {
        try (ServableLease lease = manager.acquire(model, selector)) {
            return new VersionMetadata(model, lease.version(), lease.servable().metadata());
        }
    }

    /**
     * The status of every version of a model, or of the one version a selector names (which need not be
     * available: asking about a failed version answers its error).
     */
    public List<VersionStatus> status(String model, VersionSelector selector) {
        List<VersionStatus> all = manager.status(model);
        if (selector instanceof VersionSelector.Default) {
            return all;
        }
        long version = selector instanceof VersionSelector.Number number ? number.version()
                : labelledVersion(model, ((VersionSelector.Label) selector).label());
        List<VersionStatus> one = all.stream().filter(s -> s.version() == version).toList();
        if (one.isEmpty()) {
            throw new InferenceException(ErrorCode.NOT_FOUND,
                    "Could not find version " + version + " of model " + model);
        }
        return one;
    }

    /** True when the selected version can take requests now. */
    public boolean isReady(String model, VersionSelector selector) {
        try (ServableLease ignored = manager.acquire(model, selector)) {
            return true;
        } catch (InferenceException e) {
            return false;
        }
    }

    /**
     * Calls handed to {@link #infer} and not finished: waiting for a thread, running, or waiting in a batch. The
     * serving signal an autoscaler should follow ({@code verso_inference_in_flight}).
     */
    public int inFlight() {
        return inFlight.get();
    }

    public boolean isServerReady() {
        return manager.isReady();
    }

    public List<String> models() {
        return List.copyOf(manager.models());
    }

    private long labelledVersion(String model, String label) {
        Long version = manager.labels(model).get(label);
        if (version == null) {
            throw new InferenceException(ErrorCode.INVALID_ARGUMENT, "Unrecognized servable version label: " + label);
        }
        return version;
    }

    /** A version's number and metadata. */
    public record VersionMetadata(String model, long version, ServableMetadata metadata) {
    }
}
