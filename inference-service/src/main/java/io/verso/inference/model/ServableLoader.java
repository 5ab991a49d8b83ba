package io.verso.inference.model;

import java.nio.file.Path;

/**
 * Turns a model version directory into a running {@link Servable}. The lifecycle calls it on its loader threads;
 * a runtime implements it.
 */
public interface ServableLoader {

    /**
     * @throws InferenceException when the directory holds no model this runtime can serve; the message says why
     */
    Servable load(Path versionDirectory, SessionOptions options);
}
