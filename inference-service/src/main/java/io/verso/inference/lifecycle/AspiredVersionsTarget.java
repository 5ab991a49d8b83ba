package io.verso.inference.lifecycle;

import java.nio.file.Path;
import java.util.Map;

/** Receives, per model, the complete set of versions that should be served and where each one lives. */
@FunctionalInterface
public interface AspiredVersionsTarget {

    /**
     * @param config the model's configuration (labels and session options included)
     * @param versions every version to serve, by number, with its directory; versions absent here are unloaded
     */
    void setAspiredVersions(ModelConfig config, Map<Long, Path> versions);
}
