package io.verso.inference.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.verso.inference.batching.BatchingServable;
import io.verso.inference.dataplane.BoundedExecutor;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.lifecycle.ModelLoadListener;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.ModelSource;
import io.verso.inference.lifecycle.ServableDecorator;
import io.verso.inference.lifecycle.Warmup;
import io.verso.inference.lifecycle.source.FileSystemModelSource;
import io.verso.inference.lifecycle.source.JsonWarmup;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableLoader;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.tracing.InferenceTracing;
import io.verso.inference.tracing.TracedServable;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link InferenceProperties} and wires runtime → lifecycle (with tracing and batching around each loaded
 * servable) → data plane. The model source starts with the context and stops with it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InferenceProperties.class)
class InferenceConfiguration {

    @Bean
    ServableLoader servableLoader() {
        return new TfServableLoader();
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService modelLoadExecutor(InferenceProperties properties) {
        return Executors.newFixedThreadPool(properties.loading().threads(), r -> {
            Thread thread = new Thread(r, "model-loader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Micrometer's tracer when tracing is on (management.tracing.enabled, the default), else spans are NOOP. */
    @Bean
    InferenceTracing inferenceTracing(ObjectProvider<Tracer> tracer) {
        return new InferenceTracing(tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    @Bean
    ModelManager modelManager(ServableLoader loader, ExecutorService modelLoadExecutor, Warmup warmup,
                              MeterRegistry meterRegistry, InferenceProperties properties,
                              List<ModelLoadListener> loadListeners, InferenceTracing tracing) {
        // Models that configure batching get a BatchingServable around the traced one; others pass unchanged.
        ServableDecorator decorator = (config, version, servable) -> {
            Servable traced = new TracedServable(servable, tracing);
            return config.batching() == null ? traced
                    : new BatchingServable(traced, config.batching(), meterRegistry, tracing, config.name(), version);
        };
        ModelManager manager = new ModelManager(loader, modelLoadExecutor, warmup, decorator,
                new ModelManager.LoadRetry(properties.loading().maxAttempts(), properties.loading().retryDelay()));
        // Registered before any source starts, so the first loads are told too.
        loadListeners.forEach(manager::addLoadListener);
        return manager;
    }

    /** Runs {@code assets.extra/verso_warmup.json} of each version before it serves; no file, no warmup. */
    @Bean
    Warmup warmup() {
        return new JsonWarmup();
    }

    @Bean(destroyMethod = "close")
    ModelSource fileSystemModelSource(InferenceProperties properties, ModelManager manager) {
        ModelSource source = new FileSystemModelSource(ModelConfigs.from(properties), properties.pollInterval());
        source.start(manager);
        return source;
    }

    @Bean(destroyMethod = "close")
    BoundedExecutor inferenceExecutor(InferenceProperties properties) {
        int threads = properties.executor().threads() > 0 ? properties.executor().threads()
                : Runtime.getRuntime().availableProcessors();
        return new BoundedExecutor(threads, properties.executor().queueCapacity());
    }

    @Bean
    InferenceService inferenceService(ModelManager manager, BoundedExecutor inferenceExecutor,
                                      List<InferenceObserver> observers, InferenceTracing tracing,
                                      MeterRegistry meterRegistry) {
        InferenceService service = new InferenceService(manager, inferenceExecutor, observers, tracing);
        Gauge.builder("verso.inference.in.flight", service, InferenceService::inFlight)
                .description("Inference calls in the data plane: queued, running or waiting in a batch")
                .register(meterRegistry);
        return service;
    }

    /** Part of the readiness group: a pod takes traffic once its models have loaded. */
    @Bean
    HealthIndicator modelsHealthIndicator(ModelManager manager) {
        return () -> manager.isReady()
                ? Health.up().withDetail("models", manager.models()).build()
                : Health.outOfService().withDetail("models", manager.models()).build();
    }
}
