package io.verso.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackCategoryTest {

    @Test
    void jdkFramesDeferToTheirCaller() {
        assertThat(StackCategory.of(List.of("java.lang.Float", "jdk.internal.math.FloatingDecimal",
                "tools.jackson.core.json.UTF8StreamJsonParser", "io.netty.channel.nio.NioEventLoop")))
                .isEqualTo(StackCategory.JSON);
        assertThat(StackCategory.of(List.of("java.lang.System", "io.verso.inference.batching.TensorBatches")))
                .isEqualTo(StackCategory.BATCHING);
        assertThat(StackCategory.of(List.of("java.lang.Thread", "java.util.concurrent.ThreadPoolExecutor")))
                .isEqualTo(StackCategory.JDK);
    }

    @Test
    void versoCodecsAreNamedByWhatTheyDo() {
        assertThat(StackCategory.ofClass("io.verso.inference.model.json.JsonTensors")).isEqualTo(StackCategory.JSON);
        assertThat(StackCategory.ofClass("io.verso.inference.api.v2.BinaryTensorCodec"))
                .isEqualTo(StackCategory.COPIES);
        assertThat(StackCategory.ofClass("io.verso.inference.runtime.tf.TfServable"))
                .isEqualTo(StackCategory.TENSORFLOW);
        assertThat(StackCategory.ofClass("org.tensorflow.Session")).isEqualTo(StackCategory.TENSORFLOW);
        assertThat(StackCategory.ofClass("reactor.netty.http.server.HttpServerOperations"))
                .isEqualTo(StackCategory.HTTP);
        assertThat(StackCategory.ofClass("reactor.core.publisher.Mono")).isEqualTo(StackCategory.REACTOR_SPRING);
        assertThat(StackCategory.ofClass("io.verso.inference.dataplane.InferenceService"))
                .isEqualTo(StackCategory.VERSO_OTHER);
        assertThat(StackCategory.ofClass("java.util.ArrayList")).isNull();
    }

    @Test
    void largestFirstSortsAndLimits() {
        Map<String, Long> top = JfrProfile.largestFirst(Map.of("a", 1L, "b", 5L, "c", 3L), 2);
        assertThat(top.keySet()).containsExactly("b", "c");
    }
}
