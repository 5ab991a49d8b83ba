package io.verso.inference.lifecycle.source;

import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.CONFIG;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.CUSTOM_MODEL_CONFIG;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.MODEL_CONFIG_LIST;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.MODEL_SERVER_CONFIG;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.NAME;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormatParseInfoTree;
import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.model.SessionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TensorFlow Serving's {@code --model_config_file}: a {@code ModelServerConfig} in protobuf text format
 * holding a {@code model_config_list}, so an existing TF Serving deployment's file works unchanged. The file is
 * read once, at startup ({@code --model_config_file_poll_wait_seconds} is not supported).
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
        Message root = TextProtoFile.parse(file, MODEL_SERVER_CONFIG, "model config file", locations, false);
        return models(file, root, locations.build(), defaults);
    }

    private static List<ModelConfig> models(Path file, Message root, TextFormatParseInfoTree tree,
                                            SessionOptions defaults) {
        SourceLocation at = new SourceLocation(file, tree);
        if (root.hasField(CUSTOM_MODEL_CONFIG)) {
            throw at.error(CUSTOM_MODEL_CONFIG, "custom_model_config is not supported; use model_config_list");
        }
        if (!root.hasField(MODEL_CONFIG_LIST)) {
            return List.of();
        }
        Message list = (Message) root.getField(MODEL_CONFIG_LIST);
        SourceLocation listAt = at.nested(MODEL_CONFIG_LIST, 0);
        Path directory = file.toAbsolutePath().getParent();
        List<ModelConfig> models = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < list.getRepeatedFieldCount(CONFIG); i++) {
            SourceLocation configAt = listAt.nested(CONFIG, i);
            ModelConfig model = ModelConfigEntry.convert((Message) list.getRepeatedField(CONFIG, i), configAt,
                    directory, defaults);
            Integer previous = firstLine.putIfAbsent(model.name(), configAt.line(NAME));
            if (previous != null) {
                throw configAt.error(NAME, "model '" + model.name() + "' is configured twice (first at line "
                        + previous + ")");
            }
            models.add(model);
        }
        return models;
    }
}
