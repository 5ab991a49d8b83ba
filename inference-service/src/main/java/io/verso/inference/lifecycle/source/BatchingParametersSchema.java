package io.verso.inference.lifecycle.source;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.WrappersProto;

/**
 * The message type of TensorFlow Serving's {@code --batching_parameters_file}, {@code BatchingParameters} of
 * {@code tensorflow_serving/servables/tensorflow/session_bundle_config.proto}, built in code with TF Serving's names
 * and field numbers. It is the one TF Serving format read here that grpc-api does not generate: its file imports
 * TensorFlow's {@code ConfigProto} and {@code NamedTensorProto}, a large part of TensorFlow's protos, for a message of
 * seven fields. ({@code --model_config_file} is read with grpc-api's generated {@code ModelServerConfig}.)
 */
final class BatchingParametersSchema {

    static final Descriptor BATCHING_PARAMETERS = build().findMessageTypeByName("BatchingParameters");

    private BatchingParametersSchema() {
    }

    private static FileDescriptor build() {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("verso/tensorflow_serving_batching_parameters.proto")
                .setPackage("tensorflow.serving")
                .setSyntax("proto3")
                .addDependency(WrappersProto.getDescriptor().getName())
                .addMessageType(DescriptorProto.newBuilder().setName("BatchingParameters")
                        .addField(wrapper("max_batch_size", 1, "Int64Value"))
                        .addField(wrapper("batch_timeout_micros", 2, "Int64Value"))
                        .addField(wrapper("max_enqueued_batches", 3, "Int64Value"))
                        .addField(wrapper("num_batch_threads", 4, "Int64Value"))
                        .addField(wrapper("thread_pool_name", 5, "StringValue"))
                        .addField(field("allowed_batch_sizes", 6, Type.TYPE_INT64).setLabel(Label.LABEL_REPEATED))
                        .addField(field("pad_variable_length_inputs", 7, Type.TYPE_BOOL)))
                .build();
        try {
            return FileDescriptor.buildFrom(proto, new FileDescriptor[] {WrappersProto.getDescriptor()});
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the built-in BatchingParameters schema is invalid", e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    /** A field of one of protobuf's well-known wrapper types, which let proto3 tell "unset" from zero. */
    private static FieldDescriptorProto.Builder wrapper(String name, int number, String wrapperType) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(".google.protobuf." + wrapperType);
    }
}
