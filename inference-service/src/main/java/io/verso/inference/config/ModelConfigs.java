package io.verso.inference.config;

import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.lifecycle.source.BatchingParametersFile;
import io.verso.inference.lifecycle.source.ModelServerConfigFile;
import io.verso.inference.model.BatchingOptions;
import io.verso.inference.model.SessionOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the configured models from every place properties can name them: TensorFlow Serving's model config
 * file, the {@code verso.inference.models} list, then the single {@code model-name}/{@code model-base-path} pair.
 * Unlike {@code tensorflow_model_server}, which ignores {@code --model_base_path} when a config file is given,
 * all three add up; a name configured twice is refused, naming both places.
 */
final class ModelConfigs {

    private static final Logger log = LoggerFactory.getLogger(ModelConfigs.class);
    private static final String SINGLE_MODEL = "verso.inference.model-name/model-base-path (--model_name/--model_base_path)";

    private ModelConfigs() {
    }

    static List<ModelConfig> from(InferenceProperties properties) {
        SessionOptions defaults = sessionOptions(properties.defaultSession());
        List<ModelConfig> models = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        if (properties.modelConfigFile() != null) {
            String origin = "model config file " + properties.modelConfigFile();
            ModelServerConfigFile.read(properties.modelConfigFile(), defaults)
                    .forEach(model -> add(models, origins, model, origin));
        }
        for (int i = 0; i < properties.models().size(); i++) {
            InferenceProperties.ModelProperties model = properties.models().get(i);
            String origin = "verso.inference.models[" + i + "]";
            SessionOptions session = model.session() == null ? defaults : sessionOptions(model.session());
            add(models, origins, fromProperties(model, origin, session), origin);
        }
        if (properties.modelBasePath() != null) {
            String name = properties.modelName() == null ? "default" : properties.modelName();
            add(models, origins, new ModelConfig(name, properties.modelBasePath(), null, null, defaults), SINGLE_MODEL);
        } else if (properties.modelName() != null) {
            log.warn("verso.inference.model-name '{}' is ignored: model-base-path is not set", properties.modelName());
        }
        return properties.enableBatching() ? withDefaultBatching(models, defaultBatching(properties)) : models;
    }

    /**
     * The configuration of a model the registry names: its labels from the desired state, the pod's default session
     * options, and batching when {@code enable-batching} is on. All versions the registry lists are served.
     */
    static BiFunction<String, Map<String, Long>, ModelConfig> registryModels(InferenceProperties properties) {
        SessionOptions session = sessionOptions(properties.defaultSession());
        BatchingOptions batching = properties.enableBatching() ? defaultBatching(properties) : null;
        return (name, labels) -> new ModelConfig(name, properties.registry().cacheDir(), VersionPolicy.all(), labels,
                session, batching);
    }

    /** TensorFlow Serving's {@code --enable_batching}: every model batches, with the file's parameters. */
    private static BatchingOptions defaultBatching(InferenceProperties properties) {
        if (properties.batchingParametersFile() != null) {
            return BatchingParametersFile.read(properties.batchingParametersFile());
        }
        return new BatchingOptions(1000, Duration.ZERO, List.of(), 10, Runtime.getRuntime().availableProcessors(), null);
    }

    private static List<ModelConfig> withDefaultBatching(List<ModelConfig> models, BatchingOptions batching) {
        return models.stream().map(m -> m.batching() != null ? m : new ModelConfig(m.name(), m.basePath(),
                m.versionPolicy(), m.labels(), m.sessionOptions(), batching)).toList();
    }

    static BatchingOptions batchingOptions(InferenceProperties.Batching batching) {
        return new BatchingOptions(batching.maxBatchSize(), batching.batchTimeout(), batching.allowedBatchSizes(),
                batching.maxEnqueuedBatches(), batching.threads(), batching.latencyTarget());
    }

    static SessionOptions sessionOptions(InferenceProperties.Session session) {
        return new SessionOptions(session.intraOpThreads(), session.interOpThreads(), session.gpuAllowGrowth(),
                session.gpuMemoryFraction(), session.visibleDevices(), session.allowSoftPlacement());
    }

    private static void add(List<ModelConfig> models, Map<String, String> origins, ModelConfig model, String origin) {
        String first = origins.putIfAbsent(model.name(), origin);
        if (first != null) {
            throw new IllegalArgumentException("model '" + model.name() + "' is configured twice: in " + first
                    + " and in " + origin);
        }
        models.add(model);
    }

    private static ModelConfig fromProperties(InferenceProperties.ModelProperties model, String origin,
                                              SessionOptions session) {
        VersionPolicy policy = policy(model, origin);
        model.labels().forEach((label, version) -> {
            if (version < 0) {
                throw new IllegalArgumentException(origin + ".labels." + label + " of model '" + model.name()
                        + "' names the negative version " + version);
            }
            if (!policy.admits(version)) {
                log.warn("{}.labels.{} of model '{}' names version {}, which its version policy {} never serves; "
                        + "requests for the label will find no servable", origin, label, model.name(), version, policy);
            }
        });
        return new ModelConfig(model.name(), model.basePath(), policy, model.labels(), session,
                model.batching() == null ? null : batchingOptions(model.batching()));
    }

    private static VersionPolicy policy(InferenceProperties.ModelProperties model, String origin) {
        if (model.versionPolicy() != InferenceProperties.PolicyKind.SPECIFIC && !model.versions().isEmpty()) {
            log.warn("{}.versions of model '{}' is ignored: version-policy is {}, not SPECIFIC", origin,
                    model.name(), model.versionPolicy());
        }
        return switch (model.versionPolicy()) {
            case LATEST -> VersionPolicy.latest(model.numVersions());
            case ALL -> VersionPolicy.all();
            case SPECIFIC -> {
                if (model.versions().isEmpty() || model.versions().stream().anyMatch(v -> v < 0)) {
                    throw new IllegalArgumentException(origin + " (model '" + model.name() + "'): version-policy "
                            + "SPECIFIC needs versions, a list of non-negative version numbers, was "
                            + model.versions());
                }
                yield VersionPolicy.specific(new LinkedHashSet<>(model.versions()));
            }
        };
    }
}
