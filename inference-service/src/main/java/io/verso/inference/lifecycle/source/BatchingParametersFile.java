package io.verso.inference.lifecycle.source;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormatParseInfoTree;
import io.verso.inference.model.BatchingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TensorFlow Serving's {@code --batching_parameters_file} ({@code BatchingParameters} in protobuf text format,
 * e.g. {@code max_batch_size { value: 32 }}) into {@link BatchingOptions}. Unset fields take TensorFlow Serving's
 * defaults: 1000 rows, no timeout, 10 enqueued batches, one thread per core. Fields that newer TensorFlow Serving
 * versions added are skipped, as are {@code thread_pool_name} (each signature has its own threads here) and
 * {@code pad_variable_length_inputs} (requests of different row shapes are batched separately instead).
 */
public final class BatchingParametersFile {

    private static final long DEFAULT_MAX_BATCH_SIZE = 1000;
    private static final long DEFAULT_MAX_ENQUEUED_BATCHES = 10;

    private BatchingParametersFile() {
    }

    /** @throws IllegalArgumentException naming the file (and line) when it is unreadable or invalid */
    public static BatchingOptions read(Path file) {
        Message parameters = TextProtoFile.parse(file,
                DynamicMessage.newBuilder(BatchingParametersSchema.BATCHING_PARAMETERS), "batching parameters file",
                TextFormatParseInfoTree.builder(), true).build();
        long maxBatchSize = wrapped(parameters, "max_batch_size", DEFAULT_MAX_BATCH_SIZE);
        long timeoutMicros = wrapped(parameters, "batch_timeout_micros", 0);
        long maxEnqueued = wrapped(parameters, "max_enqueued_batches", DEFAULT_MAX_ENQUEUED_BATCHES);
        long threads = wrapped(parameters, "num_batch_threads", Runtime.getRuntime().availableProcessors());
        FieldDescriptor allowedField = parameters.getDescriptorForType().findFieldByName("allowed_batch_sizes");
        List<Integer> allowed = new ArrayList<>();
        for (int i = 0; i < parameters.getRepeatedFieldCount(allowedField); i++) {
            allowed.add(toInt((Long) parameters.getRepeatedField(allowedField, i), "allowed_batch_sizes", file));
        }
        try {
            return new BatchingOptions(toInt(maxBatchSize, "max_batch_size", file), Duration.ofNanos(timeoutMicros * 1000),
                    allowed, toInt(maxEnqueued, "max_enqueued_batches", file), toInt(threads, "num_batch_threads", file),
                    null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid batching parameters file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The value inside a {@code google.protobuf.Int64Value} field, or the default when the field is unset. */
    private static long wrapped(Message parameters, String name, long defaultValue) {
        FieldDescriptor field = parameters.getDescriptorForType().findFieldByName(name);
        if (!parameters.hasField(field)) {
            return defaultValue;
        }
        Message wrapper = (Message) parameters.getField(field);
        return (Long) wrapper.getField(wrapper.getDescriptorForType().findFieldByName("value"));
    }

    private static int toInt(long value, String field, Path file) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid batching parameters file " + file + ": " + field + " "
                    + value + " is out of range");
        }
        return (int) value;
    }
}
