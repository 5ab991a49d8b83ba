package io.verso.registry.model.artifact;

import java.time.Instant;

/**
 * An archive as a store lists it, for garbage collection.
 *
 * @param key          store key
 * @param lastModified when it was last written; publishing the same bytes again renews it
 */
public record StoredArchive(String key, Instant lastModified) {
}
