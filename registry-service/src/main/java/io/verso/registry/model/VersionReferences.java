package io.verso.registry.model;

import java.util.Optional;

/**
 * Whether something still routes to a version, asked before archiving it. Implemented where deployments live, so
 * that this package does not depend on them.
 */
public interface VersionReferences {

    /** Why the version must not be archived (e.g. "it is the stable version"), or empty when nothing uses it. */
    Optional<String> use(long modelId, long version);
}
