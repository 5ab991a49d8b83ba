package io.verso.inference.api.grpc.tfserving;

import io.verso.inference.api.tfserving.Examples;
import io.verso.inference.dataplane.InputDecoder;
import io.verso.inference.model.InferenceException;
import org.tensorflow.proto.Example;
import tensorflow.serving.InputOuterClass.Input;

/**
 * The {@code tf.Example}s of a Classify, Regress or MultiInference request, serialized for the signature's string
 * input. With {@code example_list_with_context}, every example is the context with the example's own features
 * merged over it, as TensorFlow Serving feeds them.
 */
final class ExampleInputs {

    private ExampleInputs() {
    }

    static int count(Input input) {
        int count = switch (input.getKindCase()) {
            case EXAMPLE_LIST -> input.getExampleList().getExamplesCount();
            case EXAMPLE_LIST_WITH_CONTEXT -> input.getExampleListWithContext().getExamplesCount();
            case KIND_NOT_SET -> throw InferenceException.invalid("Input is empty: set example_list or "
                    + "example_list_with_context");
        };
        if (count == 0) {
            throw InferenceException.invalid("Input is empty: it holds no examples");
        }
        return count;
    }

    /** Decodes on an inference thread, once the signature is known. */
    static InputDecoder decoder(Input input, String method) {
        return signature -> Examples.input(signature, method, serialize(input));
    }

    private static byte[][] serialize(Input input) {
        byte[][] serialized = new byte[count(input)][];
        if (input.hasExampleList()) {
            for (int i = 0; i < serialized.length; i++) {
                serialized[i] = input.getExampleList().getExamples(i).toByteArray();
            }
        } else {
            Example context = input.getExampleListWithContext().getContext();
            for (int i = 0; i < serialized.length; i++) {
                serialized[i] = context.toBuilder().mergeFrom(input.getExampleListWithContext().getExamples(i))
                        .build().toByteArray();
            }
        }
        return serialized;
    }
}
