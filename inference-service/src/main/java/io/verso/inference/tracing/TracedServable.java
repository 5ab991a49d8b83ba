package io.verso.inference.tracing;

import io.micrometer.tracing.Span;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import java.util.Map;
import java.util.Set;

/**
 * Wraps the runtime's servable, innermost, so that every model execution gets a {@code verso.tensorflow.run} span:
 * a child of whatever span is in scope on the running thread, which is the call's span for an unbatched request
 * and the batch's span for a batch.
 */
public final class TracedServable implements Servable {

    private final Servable servable;
    private final InferenceTracing tracing;

    public TracedServable(Servable servable, InferenceTracing tracing) {
        this.servable = servable;
        this.tracing = tracing;
    }

    @Override
    public ServableMetadata metadata() {
        return servable.metadata();
    }

    @Override
    public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs,
                                        Set<String> outputKeys) {
        Span span = tracing.start("verso.tensorflow.run", tracing.current());
        try {
            return servable.run(signature, inputs, outputKeys);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public void close() {
        servable.close();
    }
}
