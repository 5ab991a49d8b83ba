package io.verso.inference.lifecycle.source;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormatParseInfoTree;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.model.SessionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfigList;
import tensorflow.serving.ModelServerConfigOuterClass.ModelServerConfig;

/**
 * Reads TensorFlow Serving's {@code --model_config_file}: a {@code ModelServerConfig} in protobuf text format
 * holding a {@code model_config_list}, so an existing TF Serving deployment's file works unchanged. The file is
 * read once, at startup ({@code --model_config_file_poll_wait_seconds} is not supported). It is parsed into
 * grpc-api's {@code ModelServerConfig}, generated from TF Serving's own {@code model_server_config.proto}, so the
 * accepted syntax is exactly TF Serving's.
 *
 * <p>What is accepted, and where this reader is stricter or more lenient than TF Serving:
 * <ul>
 *   <li>Fields TF Serving does not define, and a singular field given twice, are errors (as TF Serving's C++
 *       parser); every error names the file and the line and column it is about.</li>
 *   <li>{@code model_platform} must be {@code tensorflow}, the only runtime here; when it is empty (and the
 *       deprecated {@code model_type} unset) it defaults to {@code tensorflow}, where TF Serving refuses the file.
 *       {@code model_type: TENSORFLOW} is read as the platform, as TF Serving does.</li>
 *   <li>A relative {@code base_path} resolves against the directory of the config file, not the working
 *       directory as in TF Serving, so a config can sit next to its models. Absolute paths behave the same.</li>
 *   <li>Two models with one name are an error. A label naming a version that a {@code specific} policy
 *       excludes is kept and logged as a warning: TF Serving refuses a label whose version is not available
 *       (unless {@code --allow_version_labels_for_unavailable_models}), while here such a label resolves to no
 *       servable (NOT_FOUND) until the version serves.</li>
 *   <li>{@code logging_config} parses but is ignored with a warning; {@code custom_model_config} is an error.</li>
 * </ul>
 */
public final class ModelServerConfigFile {

    private static final FieldDescriptor MODEL_CONFIG_LIST = ModelServerConfig.getDescriptor()
            .findFieldByNumber(ModelServerConfig.MODEL_CONFIG_LIST_FIELD_NUMBER);
    private static final FieldDescriptor CUSTOM_MODEL_CONFIG = ModelServerConfig.getDescriptor()
            .findFieldByNumber(ModelServerConfig.CUSTOM_MODEL_CONFIG_FIELD_NUMBER);
    private static final FieldDescriptor CONFIG = ModelConfigList.getDescriptor()
            .findFieldByNumber(ModelConfigList.CONFIG_FIELD_NUMBER);

    private ModelServerConfigFile() {
    }

    /**
     * @param file the config file
     * @param defaults the session options every model of the file gets (the file format has none)
     * @return the models in file order; empty when the file configures none
     * @throws IllegalArgumentException when the file cannot be read or is invalid; the message names the file and
     *     the line
     */
    public static List<ModelConfig> read(Path file, SessionOptions defaults) {
        TextFormatParseInfoTree.Builder locations = TextFormatParseInfoTree.builder();
        ModelServerConfig root = TextProtoFile.parse(file, ModelServerConfig.newBuilder(), "model config file",
                locations, false).build();
        return models(file, root, locations.build(), defaults);
    }

    private static List<ModelConfig> models(Path file, ModelServerConfig root, TextFormatParseInfoTree tree,
                                            SessionOptions defaults) {
        SourceLocation at = new SourceLocation(file, tree);
        if (root.hasCustomModelConfig()) {
            throw at.error(CUSTOM_MODEL_CONFIG, "custom_model_config is not supported; use model_config_list");
        }
        if (!root.hasModelConfigList()) {
            return List.of();
        }
        ModelConfigList list = root.getModelConfigList();
        SourceLocation listAt = at.nested(MODEL_CONFIG_LIST, 0);
        Path directory = file.toAbsolutePath().getParent();
        List<ModelConfig> models = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < list.getConfigCount(); i++) {
            SourceLocation configAt = listAt.nested(CONFIG, i);
            ModelConfig model = ModelConfigEntry.convert(list.getConfig(i), configAt, directory, defaults);
            Integer previous = firstLine.putIfAbsent(model.name(), configAt.line(ModelConfigEntry.NAME));
            if (previous != null) {
                throw configAt.error(ModelConfigEntry.NAME, "model '" + model.name()
                        + "' is configured twice (first at line " + previous + ")");
            }
            models.add(model);
        }
        return models;
    }
}
