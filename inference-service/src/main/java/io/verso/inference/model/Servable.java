package io.verso.inference.model;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded model version that can run its signatures. Implementations are thread-safe: many requests run at
 * once. {@link #close()} releases native memory and is called once, after the last in-flight request.
 */
public interface Servable extends AutoCloseable {

    ServableMetadata metadata();

    /**
     * Runs a signature.
     *
     * @param signature the signature to run, from {@link #metadata()}
     * @param inputs one value per input key of the signature, already checked by {@link SignatureValidator}
     * @param outputKeys the outputs wanted; empty means all of them
     * @return the outputs by key, in the signature's declaration order
     * @throws InferenceException INVALID_ARGUMENT for a request the model rejects, INTERNAL for a model failure
     */
    Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs, Set<String> outputKeys);

    /**
     * Runs a signature and completes when its outputs are ready. The default runs it on the calling thread; a
     * batching servable queues the request and completes it from the thread that runs its batch, so callers never
     * hold a thread while they wait for other requests to arrive.
     */
    default CompletableFuture<Map<String, TensorValue>> runAsync(SignatureSpec signature,
                                                                 Map<String, TensorValue> inputs,
                                                                 Set<String> outputKeys) {
        try {
            return CompletableFuture.completedFuture(run(signature, inputs, outputKeys));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    void close();
}
