package io.verso.inference.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.dataplane.BoundedExecutor;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.ServableDecorator;
import io.verso.inference.lifecycle.Warmup;
import io.verso.inference.lifecycle.source.FileSystemModelSource;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.tracing.InferenceTracing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real data plane without Spring, for the HTTP slice tests ({@code *WebTest}): TensorFlow Java servables that a
 * {@link ModelManager} loads from model directories, behind an {@link InferenceService}, and the collaborators every
 * route takes. Nothing is mocked; what the routes answer is what the pod answers.
 */
public final class ServingStack implements AutoCloseable {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final ExecutorService loads = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-model-loader");
        thread.setDaemon(true);
        return thread;
    });
    private final BoundedExecutor executor = new BoundedExecutor(2, 16);
    private final ModelManager manager = new ModelManager(new TfServableLoader(), loads, Warmup.NONE,
            ServableDecorator.NONE, new ModelManager.LoadRetry(1, Duration.ZERO));
    private final FileSystemModelSource source;
    private final InferenceService service;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InferenceTracing tracing = new InferenceTracing(Tracer.NOOP);

    private ServingStack(List<ModelConfig> models, List<InferenceObserver> observers) {
        source = new FileSystemModelSource(models, Duration.ZERO);
        service = new InferenceService(manager, executor, observers, tracing);
    }

    /** Loads {@code models} (scanned once) and returns when every one serves. */
    public static ServingStack serving(List<ModelConfig> models, List<InferenceObserver> observers)
            throws InterruptedException {
        ServingStack stack = new ServingStack(models, observers);
        stack.source.start(stack.manager);
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (!stack.manager.isReady()) {
            assertThat(System.nanoTime()).as("models loaded within %s", LOAD_TIMEOUT).isLessThan(deadline);
            Thread.sleep(50);
        }
        return stack;
    }

    public InferenceService service() {
        return service;
    }

    public ModelManager manager() {
        return manager;
    }

    public InferenceTracing tracing() {
        return tracing;
    }

    public EncodingMetrics encoding() {
        return new EncodingMetrics(meters);
    }

    @Override
    public void close() {
        source.close();
        manager.close();
        executor.close();
        loads.shutdownNow();
    }
}
