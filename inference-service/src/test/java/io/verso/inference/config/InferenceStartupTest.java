package io.verso.inference.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.InferenceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A misconfigured service must refuse to start and say which property is wrong. */
class InferenceStartupTest {

    private static void start(String... args) {
        new SpringApplicationBuilder(InferenceApplication.class).run(args).close();
    }

    @Test
    void refusesAQueueCapacityBelowOne() {
        assertThatThrownBy(() -> start("--server.port=0", "--verso.inference.executor.queue-capacity=0"))
                .hasStackTraceContaining("verso.inference.executor.queueCapacity")
                .hasStackTraceContaining("must be greater than or equal to 1");
    }

    @Test
    void refusesAGpuMemoryFractionAboveOne() {
        assertThatThrownBy(() -> start("--server.port=0", "--verso.inference.default-session.gpu-memory-fraction=1.5"))
                .hasStackTraceContaining("verso.inference.defaultSession.gpuMemoryFraction");
    }

    @Test
    void refusesTheSameModelConfiguredTwice() {
        assertThatThrownBy(() -> start("--server.port=0", "--verso.inference.models[0].name=a",
                "--verso.inference.models[0].base-path=/tmp", "--verso.inference.models[1].name=a",
                "--verso.inference.models[1].base-path=/tmp"))
                .hasStackTraceContaining("model 'a' is configured twice");
    }
}
