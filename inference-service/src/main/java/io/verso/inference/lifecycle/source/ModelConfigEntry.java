package io.verso.inference.lifecycle.source;

import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.ALL;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.BASE_PATH;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.LABEL_KEY;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.LABEL_VALUE;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.LATEST;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.LOGGING_CONFIG;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.MODEL_PLATFORM;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.MODEL_TYPE;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.MODEL_VERSION_POLICY;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.NAME;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.NUM_VERSIONS;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.SPECIFIC;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.VERSION_LABELS;
import static io.verso.inference.lifecycle.source.ModelServerConfigSchema.VERSIONS;

import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Message;
import io.verso.inference.lifecycle.ModelConfig;
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

/** Turns one parsed {@code ModelConfig} message into a {@link ModelConfig}; see {@link ModelServerConfigFile}. */
final class ModelConfigEntry {

    /** The platform name TF Serving gives TensorFlow SavedModels, the only kind this server runs. */
    static final String TENSORFLOW_PLATFORM = "tensorflow";
    private static final Logger log = LoggerFactory.getLogger(ModelConfigEntry.class);

    private final Message config;
    private final SourceLocation at;

    private ModelConfigEntry(Message config, SourceLocation at) {
        this.config = config;
        this.at = at;
    }

    static ModelConfig convert(Message config, SourceLocation at, Path configDirectory, SessionOptions defaults) {
        return new ModelConfigEntry(config, at).toModelConfig(configDirectory, defaults);
    }

    private ModelConfig toModelConfig(Path configDirectory, SessionOptions defaults) {
        String name = (String) config.getField(NAME);
        if (name.isEmpty()) {
            throw at.error(NAME, "a model config has no name");
        }
        checkPlatform(name);
        Path basePath = basePath(name, configDirectory);
        VersionPolicy policy = policy(name);
        Map<String, Long> labels = labels(name, policy);
        if (config.hasField(LOGGING_CONFIG)) {
            log.warn("{}: logging_config of model '{}' is ignored: request logging is configured in Verso's "
                    + "monitoring settings", at.describe(LOGGING_CONFIG, 0), name);
        }
        try {
            return new ModelConfig(name, basePath, policy, labels, defaults);
        } catch (IllegalArgumentException e) {
            throw at.error(NAME, e.getMessage());
        }
    }

    /** TF Serving's rule for the deprecated {@code model_type}, except that an unset platform means tensorflow. */
    private void checkPlatform(String name) {
        String platform = (String) config.getField(MODEL_PLATFORM);
        EnumValueDescriptor type = (EnumValueDescriptor) config.getField(MODEL_TYPE);
        if (type.getNumber() != 0) {
            if (!platform.isEmpty()) {
                throw at.error(MODEL_TYPE, "model '" + name + "' sets both model_type (deprecated) and "
                        + "model_platform; set model_platform only");
            }
            platform = type.getName().toLowerCase(Locale.ROOT);
        }
        if (!platform.isEmpty() && !platform.equals(TENSORFLOW_PLATFORM)) {
            throw at.error(type.getNumber() != 0 ? MODEL_TYPE : MODEL_PLATFORM, "model '" + name
                    + "' has platform '" + platform + "'; only '" + TENSORFLOW_PLATFORM + "' is supported");
        }
    }

    private Path basePath(String name, Path configDirectory) {
        String value = (String) config.getField(BASE_PATH);
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
        if (!config.hasField(MODEL_VERSION_POLICY)) {
            return VersionPolicy.latest(1);
        }
        Message policy = (Message) config.getField(MODEL_VERSION_POLICY);
        SourceLocation policyAt = at.nested(MODEL_VERSION_POLICY, 0);
        if (policy.hasField(LATEST)) {
            long count = Integer.toUnsignedLong((Integer) ((Message) policy.getField(LATEST)).getField(NUM_VERSIONS));
            if (count > Integer.MAX_VALUE) {
                throw policyAt.error(LATEST, "model '" + name + "' asks for " + count + " latest versions");
            }
            // TF Serving serves at least one: latest {} and num_versions: 0 both mean the newest version.
            return VersionPolicy.latest((int) Math.max(1, count));
        }
        if (policy.hasField(ALL)) {
            return VersionPolicy.all();
        }
        if (policy.hasField(SPECIFIC)) {
            Message specific = (Message) policy.getField(SPECIFIC);
            Set<Long> versions = new LinkedHashSet<>();
            for (int i = 0; i < specific.getRepeatedFieldCount(VERSIONS); i++) {
                long version = (Long) specific.getRepeatedField(VERSIONS, i);
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
}
