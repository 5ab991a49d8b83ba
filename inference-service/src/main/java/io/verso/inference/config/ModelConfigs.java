package io.verso.inference.config;

import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.model.SessionOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Gathers the configured models from every place properties can name them, refusing duplicate names. */
final class ModelConfigs {

    private ModelConfigs() {
    }

    static List<ModelConfig> from(InferenceProperties properties) {
        SessionOptions defaults = sessionOptions(properties.defaultSession());
        List<ModelConfig> models = new ArrayList<>();
        if (properties.modelBasePath() != null) {
            String name = properties.modelName() == null ? "default" : properties.modelName();
            models.add(new ModelConfig(name, properties.modelBasePath(), null, null, defaults));
        }
        for (InferenceProperties.ModelProperties model : properties.models()) {
            SessionOptions session = model.session() == null ? defaults : sessionOptions(model.session());
            models.add(new ModelConfig(model.name(), model.basePath(), policy(model), model.labels(), session));
        }
        Set<String> seen = new HashSet<>();
        for (ModelConfig model : models) {
            if (!seen.add(model.name())) {
                throw new IllegalArgumentException("model '" + model.name() + "' is configured twice");
            }
        }
        return models;
    }

    static SessionOptions sessionOptions(InferenceProperties.Session session) {
        return new SessionOptions(session.intraOpThreads(), session.interOpThreads(), session.gpuAllowGrowth(),
                session.gpuMemoryFraction(), session.visibleDevices(), session.allowSoftPlacement());
    }

    private static VersionPolicy policy(InferenceProperties.ModelProperties model) {
        return switch (model.versionPolicy()) {
            case LATEST -> VersionPolicy.latest(model.numVersions());
            case ALL -> VersionPolicy.all();
            case SPECIFIC -> VersionPolicy.specific(new LinkedHashSet<>(model.versions()));
        };
    }
}
