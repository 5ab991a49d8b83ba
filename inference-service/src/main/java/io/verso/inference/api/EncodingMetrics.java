package io.verso.inference.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.verso.inference.dataplane.Prediction;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Times writing an answer ({@code verso_inference_encode_seconds{model,version,api}}): the part of a call after the
 * data plane, which its own timings leave out. Only answered calls are encoded, so only served models are tagged.
 */
public final class EncodingMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500)};

    private final MeterRegistry registry;

    public EncodingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public <T> T time(String api, Prediction prediction, Supplier<T> encode) {
        long start = System.nanoTime();
        try {
            return encode.get();
        } finally {
            Timer.builder("verso.inference.encode").description("Time to write inference answers")
                    .tags("model", prediction.model(), "version", Long.toString(prediction.version()), "api", api)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
