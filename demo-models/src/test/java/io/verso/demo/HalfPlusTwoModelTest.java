package io.verso.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class HalfPlusTwoModelTest {

    @TempDir
    Path root;

    @Test
    void writesHalfPlusTwoOnceAndItComputesTheTensorFlowServingExample() throws Exception {
        assertThat(HalfPlusTwoModel.writeTo(root)).isTrue();
        assertThat(HalfPlusTwoModel.writeTo(root)).as("second call keeps the first export").isFalse();

        Path version = HalfPlusTwoModel.versionDirectory(root);
        try (SavedModelBundle bundle = SavedModelBundle.loader(version.toString()).withTags("serve").load();
             TFloat32 x = TFloat32.tensorOf(Shape.of(3, 1), DataBuffers.of(new float[] {1, 2, 5}, true, false));
             Result result = bundle.function("serving_default").call(Map.<String, Tensor>of("x", x))) {
            float[] y = new float[3];
            ((TFloat32) result.get("y").orElseThrow()).copyTo(DataBuffers.of(y, false, false));
            assertThat(y).containsExactly(2.5f, 3.0f, 4.5f);
        }
    }
}
