package io.verso.inference.batching;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ServableDecorator;
import io.verso.inference.model.Servable;
import io.verso.inference.tracing.InferenceTracing;

/** Wraps the versions of models that configure batching in a {@link BatchingServable}; others pass unchanged. */
public final class BatchingDecorator implements ServableDecorator {

    private final MeterRegistry registry;
    private final InferenceTracing tracing;

    public BatchingDecorator(MeterRegistry registry, InferenceTracing tracing) {
        this.registry = registry;
        this.tracing = tracing;
    }

    @Override
    public Servable decorate(ModelConfig config, long version, Servable servable) {
        return config.batching() == null ? servable
                : new BatchingServable(servable, config.batching(), registry, tracing, config.name(), version);
    }
}
