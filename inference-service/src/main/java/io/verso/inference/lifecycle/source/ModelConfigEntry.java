package io.verso.inference.lifecycle.source;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.model.SessionOptions;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tensorflow.serving.FileSystemStoragePathSource.FileSystemStoragePathSourceConfig.ServableVersionPolicy;
import tensorflow.serving.ModelServerConfigOuterClass.ModelConfig;
import tensorflow.serving.ModelServerConfigOuterClass.ModelType;

/**
 * Turns one parsed {@code ModelConfig} message (grpc-api's generated one) into the lifecycle's
 * {@link io.verso.inference.lifecycle.ModelConfig}; see {@link ModelServerConfigFile}.
 */
final class ModelConfigEntry {

    static final FieldDescriptor NAME = field(ModelConfig.getDescriptor(), ModelConfig.NAME_FIELD_NUMBER);
    private static final FieldDescriptor BASE_PATH =
            field(ModelConfig.getDescriptor(), ModelConfig.BASE_PATH_FIELD_NUMBER);
    private static final FieldDescriptor MODEL_TYPE =
            field(ModelConfig.getDescriptor(), ModelConfig.MODEL_TYPE_FIELD_NUMBER);
    private static final FieldDescriptor MODEL_PLATFORM =
            field(ModelConfig.getDescriptor(), ModelConfig.MODEL_PLATFORM_FIELD_NUMBER);
    private static final FieldDescriptor MODEL_VERSION_POLICY =
            field(ModelConfig.getDescriptor(), ModelConfig.MODEL_VERSION_POLICY_FIELD_NUMBER);
    private static final FieldDescriptor VERSION_LABELS =
            field(ModelConfig.getDescriptor(), ModelConfig.VERSION_LABELS_FIELD_NUMBER);
    private static final FieldDescriptor LOGGING_CONFIG =
            field(ModelConfig.getDescriptor(), ModelConfig.LOGGING_CONFIG_FIELD_NUMBER);
    private static final FieldDescriptor LATEST =
            field(ServableVersionPolicy.getDescriptor(), ServableVersionPolicy.LATEST_FIELD_NUMBER);
    private static final FieldDescriptor SPECIFIC =
            field(ServableVersionPolicy.getDescriptor(), ServableVersionPolicy.SPECIFIC_FIELD_NUMBER);
    private static final FieldDescriptor VERSIONS =
            field(ServableVersionPolicy.Specific.getDescriptor(), ServableVersionPolicy.Specific.VERSIONS_FIELD_NUMBER);
    private static final FieldDescriptor LABEL_KEY = VERSION_LABELS.getMessageType().findFieldByName("key");
    private static final FieldDescriptor LABEL_VALUE = VERSION_LABELS.getMessageType().findFieldByName("value");

    /** The platform name TF Serving gives TensorFlow SavedModels, the only kind this server runs. */
    static final String TENSORFLOW_PLATFORM = "tensorflow";
    private static final Logger log = LoggerFactory.getLogger(ModelConfigEntry.class);

    private final ModelConfig config;
    private final SourceLocation at;

    private ModelConfigEntry(ModelConfig config, SourceLocation at) {
        this.config = config;
        this.at = at;
    }

    static io.verso.inference.lifecycle.ModelConfig convert(ModelConfig config, SourceLocation at,
                                                           Path configDirectory, SessionOptions defaults) {
        return new ModelConfigEntry(config, at).toModelConfig(configDirectory, defaults);
    }

    private io.verso.inference.lifecycle.ModelConfig toModelConfig(Path configDirectory, SessionOptions defaults) {
        String name = config.getName();
        if (name.isEmpty()) {
            throw at.error(NAME, "a model config has no name");
        }
        checkPlatform(name);
        Path basePath = basePath(name, configDirectory);
        VersionPolicy policy = policy(name);
        Map<String, Long> labels = labels(name, policy);
        if (config.hasLoggingConfig()) {
            log.warn("{}: logging_config of model '{}' is ignored: request logging is configured in Verso's "
                    + "monitoring settings", at.describe(LOGGING_CONFIG, 0), name);
        }
        try {
            return new io.verso.inference.lifecycle.ModelConfig(name, basePath, policy, labels, defaults);
        } catch (IllegalArgumentException e) {
            throw at.error(NAME, e.getMessage());
        }
    }

    /** TF Serving's rule for the deprecated {@code model_type}, except that an unset platform means tensorflow. */
    private void checkPlatform(String name) {
        String platform = config.getModelPlatform();
        ModelType type = config.getModelType();
        if (type != ModelType.MODEL_TYPE_UNSPECIFIED) {
            if (!platform.isEmpty()) {
                throw at.error(MODEL_TYPE, "model '" + name + "' sets both model_type (deprecated) and "
                        + "model_platform; set model_platform only");
            }
            // The parser refuses numbers ModelType does not define, so the value has a name.
            platform = type.name().toLowerCase(Locale.ROOT);
        }
        if (!platform.isEmpty() && !platform.equals(TENSORFLOW_PLATFORM)) {
            throw at.error(type != ModelType.MODEL_TYPE_UNSPECIFIED ? MODEL_TYPE : MODEL_PLATFORM, "model '" + name
                    + "' has platform '" + platform + "'; only '" + TENSORFLOW_PLATFORM + "' is supported");
        }
    }

    private Path basePath(String name, Path configDirectory) {
        String value = config.getBasePath();
        if (value.isEmpty()) {
            throw at.error(NAME, "model '" + name + "' has no base_path");
        }
        try {
            return configDirectory.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw at.error(BASE_PATH, "model '" + name + "' has an invalid base_path: " + e.getMessage());
        }
    }

    private VersionPolicy policy(String name) {
        if (!config.hasModelVersionPolicy()) {
            return VersionPolicy.latest(1);
        }
        ServableVersionPolicy policy = config.getModelVersionPolicy();
        SourceLocation policyAt = at.nested(MODEL_VERSION_POLICY, 0);
        if (policy.hasLatest()) {
            long count = Integer.toUnsignedLong(policy.getLatest().getNumVersions());
            if (count > Integer.MAX_VALUE) {
                throw policyAt.error(LATEST, "model '" + name + "' asks for " + count + " latest versions");
            }
            // TF Serving serves at least one: latest {} and num_versions: 0 both mean the newest version.
            return VersionPolicy.latest((int) Math.max(1, count));
        }
        if (policy.hasAll()) {
            return VersionPolicy.all();
        }
        if (policy.hasSpecific()) {
            ServableVersionPolicy.Specific specific = policy.getSpecific();
            Set<Long> versions = new LinkedHashSet<>();
            for (int i = 0; i < specific.getVersionsCount(); i++) {
                long version = specific.getVersions(i);
                if (version < 0) {
                    throw policyAt.nested(SPECIFIC, 0).error(VERSIONS, i,
                            "model '" + name + "' names the negative version " + version);
                }
                versions.add(version);
            }
            if (versions.isEmpty()) {
                throw policyAt.error(SPECIFIC, "model '" + name + "' has a specific version policy without versions");
            }
            return VersionPolicy.specific(versions);
        }
        // An empty model_version_policy {} is TF Serving's default too.
        return VersionPolicy.latest(1);
    }

    /**
     * Read through reflection, entry by entry as the file wrote them: the generated map ({@code getVersionLabelsMap})
     * would silently keep only the last of two entries with one key; a label given twice is refused instead.
     */
    private Map<String, Long> labels(String name, VersionPolicy policy) {
        Map<String, Long> labels = new LinkedHashMap<>();
        for (int i = 0; i < config.getRepeatedFieldCount(VERSION_LABELS); i++) {
            Message entry = (Message) config.getRepeatedField(VERSION_LABELS, i);
            String label = (String) entry.getField(LABEL_KEY);
            long version = (Long) entry.getField(LABEL_VALUE);
            if (label.isEmpty()) {
                throw at.error(VERSION_LABELS, i, "model '" + name + "' has a version label without a key");
            }
            if (version < 0) {
                throw at.error(VERSION_LABELS, i, "label '" + label + "' of model '" + name
                        + "' names the negative version " + version);
            }
            if (labels.putIfAbsent(label, version) != null) {
                throw at.error(VERSION_LABELS, i, "label '" + label + "' of model '" + name + "' is given twice");
            }
            if (!policy.admits(version)) {
                log.warn("{}: label '{}' of model '{}' names version {}, which its version policy {} never serves; "
                        + "requests for the label will find no servable", at.describe(VERSION_LABELS, i), label,
                        name, version, policy);
            }
        }
        return labels;
    }

    private static FieldDescriptor field(Descriptor message, int number) {
        return message.findFieldByNumber(number);
    }
}
