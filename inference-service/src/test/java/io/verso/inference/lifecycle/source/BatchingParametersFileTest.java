package io.verso.inference.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.model.BatchingOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingParametersFileTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("batching.config"), text);
    }

    @Test
    void readsTensorFlowServingsBatchingParameters() throws IOException {
        BatchingOptions options = BatchingParametersFile.read(write("""
                max_batch_size { value: 32 }
                batch_timeout_micros { value: 2500 }
                max_enqueued_batches { value: 100 }
                num_batch_threads { value: 4 }
                thread_pool_name { value: "pool" }
                allowed_batch_sizes: 8
                allowed_batch_sizes: 16
                allowed_batch_sizes: 32
                pad_variable_length_inputs: true
                """));
        assertThat(options).isEqualTo(new BatchingOptions(32, Duration.ofMillis(2).plusNanos(500_000),
                java.util.List.of(8, 16, 32), 100, 4, null));
    }

    @Test
    void unsetFieldsTakeTensorFlowServingsDefaultsAndNewerFieldsAreSkipped() throws IOException {
        BatchingOptions options = BatchingParametersFile.read(write("""
                max_batch_size { value: 64 }
                enable_large_batch_splitting { value: true }
                """));
        assertThat(options.maxBatchSize()).isEqualTo(64);
        assertThat(options.batchTimeout()).isZero();
        assertThat(options.maxEnqueuedBatches()).isEqualTo(10);
        assertThat(options.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void namesTheFileAndTheProblem() throws IOException {
        Path file = write("max_batch_size { value: 8 }\nallowed_batch_sizes: 4\nallowed_batch_sizes: 16\n");
        assertThatThrownBy(() -> BatchingParametersFile.read(file))
                .hasMessageContaining("Invalid batching parameters file " + file)
                .hasMessageContaining("largest allowed batch size must equal max batch size 8");
        Path garbled = write("max_batch_size { value: \"many\" }");
        assertThatThrownBy(() -> BatchingParametersFile.read(garbled))
                .hasMessageContaining("Invalid batching parameters file " + garbled + ":1:");
    }
}
