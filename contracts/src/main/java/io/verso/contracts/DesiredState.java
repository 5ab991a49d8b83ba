package io.verso.contracts;

import java.util.List;
import java.util.Objects;

/**
 * What every inference pod must hold: {@code GET /api/v1/feed/desired-state}. A pod downloads and verifies each
 * listed artifact, loads and warms it, and only then reports it {@link ServingState#AVAILABLE}; it must never drop
 * its last working version of a model before the replacement is AVAILABLE.
 *
 * @param revision identifies this content: the HTTP {@code ETag} of the response is {@code "<revision>"}. Equal
 *                 revisions mean equal content (it is a hash of it, stable across registry restarts and replicas),
 *                 so a pod may cache the state on disk and send {@code If-None-Match: "<revision>"} later.
 * @param models   one entry per deployed model (models without a stable version are absent), sorted by name
 */
public record DesiredState(String revision, List<DesiredModel> models) {

    public DesiredState {
        Objects.requireNonNull(revision, "revision");
        models = List.copyOf(models);
    }
}
