package io.verso.inference.batching;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.model.BatchingOptions;
import io.verso.inference.model.Futures;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.SignatureValidator;
import io.verso.inference.model.TensorSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.tracing.InferenceTracing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * A servable whose requests are batched per signature. Only signatures whose inputs and outputs all have a leading
 * unknown (batch) dimension are batched; the others, and scalar requests, run unbatched through the wrapped
 * servable, and {@link ServableMetadata#batchedSignatures()} says which is which. Requests are validated before they
 * queue, so a bad request fails alone and never poisons a batch; requests larger than the maximum batch are split,
 * and their parts reassembled in order.
 */
public final class BatchingServable implements Servable {

    private final Servable servable;
    private final BatchingOptions options;
    private final MeterRegistry registry;
    private final InferenceTracing tracing;
    private final String model;
    private final long version;
    private final ServableMetadata metadata;
    private final ConcurrentMap<String, BatchScheduler> schedulers = new ConcurrentHashMap<>();

    public BatchingServable(Servable servable, BatchingOptions options, MeterRegistry registry,
                            InferenceTracing tracing, String model, long version) {
        this.servable = servable;
        this.options = options;
        this.registry = registry;
        this.tracing = tracing;
        this.model = model;
        this.version = version;
        Set<String> batchable = servable.metadata().signatures().values().stream()
                .filter(BatchingServable::batchable).map(SignatureSpec::key).collect(Collectors.toSet());
        this.metadata = servable.metadata().withBatchedSignatures(batchable);
    }

    static boolean batchable(SignatureSpec signature) {
        return !signature.inputs().isEmpty()
                && signature.inputs().values().stream().allMatch(spec -> spec.shape().hasBatchDimension())
                && signature.outputs().values().stream().allMatch(spec -> spec.shape().hasBatchDimension());
    }

    @Override
    public ServableMetadata metadata() {
        return metadata;
    }

    @Override
    public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs,
                                        Set<String> outputKeys) {
        try {
            return runAsync(signature, inputs, outputKeys).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    @Override
    public CompletableFuture<Map<String, TensorValue>> runAsync(SignatureSpec signature,
                                                                Map<String, TensorValue> inputs,
                                                                Set<String> outputKeys) {
        if (!metadata.batchedSignatures().contains(signature.key())
                || inputs.values().stream().anyMatch(value -> value.rank() == 0)) {
            return servable.runAsync(signature, inputs, outputKeys);
        }
        try {
            SignatureValidator.validate(signature, inputs, outputKeys);
        } catch (InferenceException e) {
            return CompletableFuture.failedFuture(e);
        }
        int rows = (int) inputs.values().iterator().next().dim(0);
        BatchScheduler scheduler = schedulers.computeIfAbsent(signature.key(), key -> new BatchScheduler(servable,
                signature, options, new BatchMetrics(registry, model, version, key), tracing,
                "batch-" + model + "-" + version + "-" + key));
        CompletableFuture<Map<String, TensorValue>> all = rows <= options.maxBatchSize()
                ? scheduler.submit(inputs, rows)
                : splitAndSubmit(scheduler, signature, inputs, rows);
        return Futures.cancelling(all.thenApply(outputs -> select(signature, outputs, outputKeys)), List.of(all));
    }

    /** Queues a request too large for one batch as consecutive parts and joins their outputs in row order. */
    private CompletableFuture<Map<String, TensorValue>> splitAndSubmit(BatchScheduler scheduler,
                                                                      SignatureSpec signature,
                                                                      Map<String, TensorValue> inputs, int rows) {
        List<CompletableFuture<Map<String, TensorValue>>> parts = new ArrayList<>();
        for (int from = 0; from < rows; from += options.maxBatchSize()) {
            int to = Math.min(rows, from + options.maxBatchSize());
            Map<String, TensorValue> part = new LinkedHashMap<>();
            for (Map.Entry<String, TensorValue> input : inputs.entrySet()) {
                part.put(input.getKey(), TensorBatches.slice(input.getValue(), from, to));
            }
            parts.add(scheduler.submit(part, to - from));
        }
        return Futures.cancelling(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, TensorValue> joined = new LinkedHashMap<>();
            for (String output : signature.outputs().keySet()) {
                List<TensorValue> pieces = parts.stream().map(p -> p.join().get(output)).toList();
                int total = pieces.stream().mapToInt(p -> (int) p.dim(0)).sum();
                joined.put(output, TensorBatches.concat(pieces, total));
            }
            return joined;
        }), parts);
    }

    private static Map<String, TensorValue> select(SignatureSpec signature, Map<String, TensorValue> outputs,
                                                   Set<String> outputKeys) {
        if (outputKeys.isEmpty()) {
            return outputs;
        }
        Map<String, TensorValue> selected = new LinkedHashMap<>();
        for (TensorSpec spec : signature.outputs().values()) {
            if (outputKeys.contains(spec.key())) {
                selected.put(spec.key(), outputs.get(spec.key()));
            }
        }
        return selected;
    }

    @Override
    public void close() {
        try {
            schedulers.values().forEach(BatchScheduler::close);
        } finally {
            servable.close();
        }
    }
}
