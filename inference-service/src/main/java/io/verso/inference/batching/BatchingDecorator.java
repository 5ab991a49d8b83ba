package io.verso.inference.batching;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ServableDecorator;
import io.verso.inference.model.Servable;

/** Wraps the versions of models that configure batching in a {@link BatchingServable}; others pass unchanged. */
public final class BatchingDecorator implements ServableDecorator {

    private final MeterRegistry registry;

    public BatchingDecorator(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Servable decorate(ModelConfig config, long version, Servable servable) {
        return config.batching() == null ? servable
                : new BatchingServable(servable, config.batching(), registry, config.name(), version);
    }
}
