package io.verso.inference.lifecycle.source;

import com.google.protobuf.AnyProto;
import com.google.protobuf.WrappersProto;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;

/**
 * The message types of TensorFlow Serving's {@code --model_config_file}, built in code so that no generated
 * classes (nor protoc at build time) are needed. Names and field numbers are those of TF Serving's
 * {@code tensorflow_serving/config/model_server_config.proto}, {@code logging_config.proto},
 * {@code log_collector_config.proto} and {@code sources/storage_path/file_system_storage_path_source.proto}, so
 * any file TF Serving accepts parses here. Only the parts a model config file can contain are declared; the
 * deprecated {@code FileSystemStoragePathSourceConfig} fields outside {@code ServableVersionPolicy} are not.
 * {@code BatchingParameters} ({@code --batching_parameters_file}) comes from
 * {@code servables/tensorflow/session_bundle_config.proto}.
 */
final class ModelServerConfigSchema {

    private static final String PACKAGE = "tensorflow.serving";

    static final Descriptor MODEL_SERVER_CONFIG;
    static final FieldDescriptor MODEL_CONFIG_LIST;
    static final FieldDescriptor CUSTOM_MODEL_CONFIG;
    static final FieldDescriptor CONFIG;

    static final Descriptor MODEL_CONFIG;
    static final FieldDescriptor NAME;
    static final FieldDescriptor BASE_PATH;
    static final FieldDescriptor MODEL_TYPE;
    static final FieldDescriptor MODEL_PLATFORM;
    static final FieldDescriptor MODEL_VERSION_POLICY;
    static final FieldDescriptor VERSION_LABELS;
    static final FieldDescriptor LOGGING_CONFIG;
    static final FieldDescriptor LABEL_KEY;
    static final FieldDescriptor LABEL_VALUE;

    static final FieldDescriptor LATEST;
    static final FieldDescriptor ALL;
    static final FieldDescriptor SPECIFIC;
    static final FieldDescriptor NUM_VERSIONS;
    static final FieldDescriptor VERSIONS;

    static final Descriptor BATCHING_PARAMETERS;

    static {
        FileDescriptor file = build();
        MODEL_SERVER_CONFIG = file.findMessageTypeByName("ModelServerConfig");
        MODEL_CONFIG_LIST = MODEL_SERVER_CONFIG.findFieldByName("model_config_list");
        CUSTOM_MODEL_CONFIG = MODEL_SERVER_CONFIG.findFieldByName("custom_model_config");
        CONFIG = file.findMessageTypeByName("ModelConfigList").findFieldByName("config");

        MODEL_CONFIG = file.findMessageTypeByName("ModelConfig");
        NAME = MODEL_CONFIG.findFieldByName("name");
        BASE_PATH = MODEL_CONFIG.findFieldByName("base_path");
        MODEL_TYPE = MODEL_CONFIG.findFieldByName("model_type");
        MODEL_PLATFORM = MODEL_CONFIG.findFieldByName("model_platform");
        MODEL_VERSION_POLICY = MODEL_CONFIG.findFieldByName("model_version_policy");
        VERSION_LABELS = MODEL_CONFIG.findFieldByName("version_labels");
        LOGGING_CONFIG = MODEL_CONFIG.findFieldByName("logging_config");
        LABEL_KEY = VERSION_LABELS.getMessageType().findFieldByName("key");
        LABEL_VALUE = VERSION_LABELS.getMessageType().findFieldByName("value");

        Descriptor policy = MODEL_VERSION_POLICY.getMessageType();
        LATEST = policy.findFieldByName("latest");
        ALL = policy.findFieldByName("all");
        SPECIFIC = policy.findFieldByName("specific");
        NUM_VERSIONS = LATEST.getMessageType().findFieldByName("num_versions");
        VERSIONS = SPECIFIC.getMessageType().findFieldByName("versions");

        BATCHING_PARAMETERS = file.findMessageTypeByName("BatchingParameters");
    }

    private ModelServerConfigSchema() {
    }

    private static FileDescriptor build() {
        DescriptorProto versionPolicy = message("ServableVersionPolicy")
                .addNestedType(message("Latest").addField(field("num_versions", 1, Type.TYPE_UINT32)))
                .addNestedType(message("All"))
                .addNestedType(message("Specific").addField(repeated(field("versions", 1, Type.TYPE_INT64))))
                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("policy_choice"))
                .addField(oneof(messageField("latest", 100, "FileSystemStoragePathSourceConfig.ServableVersionPolicy.Latest"), 0))
                .addField(oneof(messageField("all", 101, "FileSystemStoragePathSourceConfig.ServableVersionPolicy.All"), 0))
                .addField(oneof(messageField("specific", 102, "FileSystemStoragePathSourceConfig.ServableVersionPolicy.Specific"), 0))
                .build();

        DescriptorProto modelConfig = message("ModelConfig")
                // protoc's spelling of map<string, int64> version_labels: a repeated nested *Entry message.
                .addNestedType(message("VersionLabelsEntry")
                        .setOptions(MessageOptions.newBuilder().setMapEntry(true))
                        .addField(field("key", 1, Type.TYPE_STRING))
                        .addField(field("value", 2, Type.TYPE_INT64)))
                .addField(field("name", 1, Type.TYPE_STRING))
                .addField(field("base_path", 2, Type.TYPE_STRING))
                .addField(field("model_type", 3, Type.TYPE_ENUM).setTypeName(qualified("ModelType")))
                .addField(field("model_platform", 4, Type.TYPE_STRING))
                .addField(messageField("logging_config", 6, "LoggingConfig"))
                .addField(messageField("model_version_policy", 7,
                        "FileSystemStoragePathSourceConfig.ServableVersionPolicy"))
                .addField(repeated(messageField("version_labels", 8, "ModelConfig.VersionLabelsEntry")))
                .build();

        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("verso/tensorflow_serving_model_server_config.proto")
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addDependency(AnyProto.getDescriptor().getName())
                .addDependency(WrappersProto.getDescriptor().getName())
                .addEnumType(EnumDescriptorProto.newBuilder().setName("ModelType")
                        .addValue(enumValue("MODEL_TYPE_UNSPECIFIED", 0))
                        .addValue(enumValue("TENSORFLOW", 1))
                        .addValue(enumValue("OTHER", 2)))
                .addMessageType(message("FileSystemStoragePathSourceConfig").addNestedType(versionPolicy))
                .addMessageType(message("LogCollectorConfig")
                        .addField(field("type", 1, Type.TYPE_STRING))
                        .addField(field("filename_prefix", 2, Type.TYPE_STRING)))
                .addMessageType(message("SamplingConfig")
                        .addField(field("sampling_rate", 1, Type.TYPE_DOUBLE))
                        .addField(field("attributes", 2, Type.TYPE_INT32)))
                .addMessageType(message("LoggingConfig")
                        .addField(messageField("log_collector_config", 1, "LogCollectorConfig"))
                        .addField(messageField("sampling_config", 2, "SamplingConfig")))
                .addMessageType(modelConfig)
                .addMessageType(message("ModelConfigList")
                        .addField(repeated(messageField("config", 1, "ModelConfig"))))
                .addMessageType(message("ModelServerConfig")
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("config"))
                        .addField(oneof(messageField("model_config_list", 1, "ModelConfigList"), 0))
                        .addField(oneof(field("custom_model_config", 2, Type.TYPE_MESSAGE)
                                .setTypeName(".google.protobuf.Any"), 0)))
                .addMessageType(message("BatchingParameters")
                        .addField(wrapper("max_batch_size", 1, "Int64Value"))
                        .addField(wrapper("batch_timeout_micros", 2, "Int64Value"))
                        .addField(wrapper("max_enqueued_batches", 3, "Int64Value"))
                        .addField(wrapper("num_batch_threads", 4, "Int64Value"))
                        .addField(wrapper("thread_pool_name", 5, "StringValue"))
                        .addField(repeated(field("allowed_batch_sizes", 6, Type.TYPE_INT64)))
                        .addField(field("pad_variable_length_inputs", 7, Type.TYPE_BOOL)))
                .build();
        try {
            return FileDescriptor.buildFrom(proto,
                    new FileDescriptor[] {AnyProto.getDescriptor(), WrappersProto.getDescriptor()});
        } catch (DescriptorValidationException e) {
            throw new IllegalStateException("the built-in ModelServerConfig schema is invalid", e);
        }
    }

    private static DescriptorProto.Builder message(String name) {
        return DescriptorProto.newBuilder().setName(name);
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
    }

    private static FieldDescriptorProto.Builder messageField(String name, int number, String messageType) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(qualified(messageType));
    }

    /** A field of one of protobuf's well-known wrapper types, which let proto3 tell "unset" from zero. */
    private static FieldDescriptorProto.Builder wrapper(String name, int number, String wrapperType) {
        return field(name, number, Type.TYPE_MESSAGE).setTypeName(".google.protobuf." + wrapperType);
    }

    private static FieldDescriptorProto.Builder repeated(FieldDescriptorProto.Builder field) {
        return field.setLabel(Label.LABEL_REPEATED);
    }

    private static FieldDescriptorProto.Builder oneof(FieldDescriptorProto.Builder field, int index) {
        return field.setOneofIndex(index);
    }

    private static EnumValueDescriptorProto.Builder enumValue(String name, int number) {
        return EnumValueDescriptorProto.newBuilder().setName(name).setNumber(number);
    }

    private static String qualified(String name) {
        return "." + PACKAGE + "." + name;
    }
}
