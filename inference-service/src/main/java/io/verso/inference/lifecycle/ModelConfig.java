package io.verso.inference.lifecycle;

import io.verso.contracts.ModelNames;
import io.verso.inference.model.BatchingOptions;
import io.verso.inference.model.SessionOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How one model is served: where its versions live, which of them to load, the labels that name versions and the
 * session options of its runtime. The same record is built from Spring properties and from TensorFlow Serving's
 * {@code model_config_list} file.
 *
 * @param name the model name clients use in URLs
 * @param basePath the directory holding one numbered sub-directory per version
 * @param versionPolicy which versions present on disk to serve
 * @param labels version labels ({@code stable}, {@code canary}, ...) to version numbers
 * @param sessionOptions runtime options for every version of this model
 * @param batching how requests are batched; null runs each request on its own
 */
public record ModelConfig(String name, Path basePath, VersionPolicy versionPolicy, Map<String, Long> labels,
                          SessionOptions sessionOptions, BatchingOptions batching) {

    public ModelConfig {
        Objects.requireNonNull(name, "model name");
        // The registry's rule, so that a model served here is one the gateway routes to and the registry can hold.
        ModelNames.requireName(name);
        Objects.requireNonNull(basePath, "base path of model " + name);
        versionPolicy = versionPolicy == null ? VersionPolicy.latest(1) : versionPolicy;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        sessionOptions = sessionOptions == null ? SessionOptions.DEFAULTS : sessionOptions;
    }

    /** A model without batching. */
    public ModelConfig(String name, Path basePath, VersionPolicy versionPolicy, Map<String, Long> labels,
                       SessionOptions sessionOptions) {
        this(name, basePath, versionPolicy, labels, sessionOptions, null);
    }

    public static ModelConfig of(String name, Path basePath) {
        return new ModelConfig(name, basePath, null, null, null);
    }
}
