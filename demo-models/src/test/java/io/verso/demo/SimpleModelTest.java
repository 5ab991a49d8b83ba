package io.verso.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TInt32;

class SimpleModelTest {

    @TempDir
    Path root;

    @Test
    void writesASavedModelThatAddsAndSubtracts() throws Exception {
        assertThat(SimpleModel.writeTo(root)).isTrue();
        Path version = root.resolve("simple").resolve("1");
        assertThat(version.resolve("saved_model.pb")).isRegularFile();

        try (SavedModelBundle bundle = SavedModelBundle.loader(version.toString()).withTags("serve").load()) {
            Signature signature = bundle.function("serving_default").signature();
            assertThat(signature.methodName()).isEqualTo("tensorflow/serving/predict");
            assertThat(signature.inputNames()).containsExactlyInAnyOrder("INPUT0", "INPUT1");
            assertThat(signature.outputNames()).containsExactlyInAnyOrder("OUTPUT0", "OUTPUT1");
            for (Signature.TensorDescription input : signature.getInputs().values()) {
                assertThat(input.dataType).isEqualTo(DataType.DT_INT32);
                // Shape.equals treats unknown dimensions as unequal, so compare the dimension arrays.
                assertThat(input.shape.asArray()).containsExactly(-1L, 16L);
            }

            int[] counting = new int[32];
            int[] ones = new int[32];
            for (int i = 0; i < counting.length; i++) {
                counting[i] = i;
                ones[i] = 1;
            }
            try (TInt32 input0 = TInt32.tensorOf(Shape.of(2, 16), DataBuffers.of(counting, true, false));
                 TInt32 input1 = TInt32.tensorOf(Shape.of(2, 16), DataBuffers.of(ones, true, false));
                 Result result = bundle.function("serving_default")
                         .call(Map.<String, Tensor>of("INPUT0", input0, "INPUT1", input1))) {
                TInt32 sum = (TInt32) result.get("OUTPUT0").orElseThrow();
                TInt32 difference = (TInt32) result.get("OUTPUT1").orElseThrow();
                assertThat(sum.shape().asArray()).containsExactly(2L, 16L);
                int[] sums = new int[32];
                int[] differences = new int[32];
                sum.copyTo(DataBuffers.of(sums, false, false));
                difference.copyTo(DataBuffers.of(differences, false, false));
                for (int i = 0; i < 32; i++) {
                    assertThat(sums[i]).as("OUTPUT0[%d]", i).isEqualTo(i + 1);
                    assertThat(differences[i]).as("OUTPUT1[%d]", i).isEqualTo(i - 1);
                }
            }
        }
    }

    @Test
    void leavesAnExistingVersionAloneAndNoStagingDirectoryBehind() throws Exception {
        assertThat(SimpleModel.writeTo(root)).isTrue();
        Path model = root.resolve("simple/1/saved_model.pb");
        long written = Files.getLastModifiedTime(model).toMillis();

        assertThat(SimpleModel.writeTo(root)).isFalse();

        assertThat(Files.getLastModifiedTime(model).toMillis()).isEqualTo(written);
        try (Stream<Path> entries = Files.list(root.resolve("simple"))) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("1");
        }
    }

    @Test
    void mainWritesIntoTheDirectoryItIsGiven() throws Exception {
        DemoModels.main(new String[] {root.toString()});
        assertThat(root.resolve("simple/1/saved_model.pb")).isRegularFile();
    }
}
