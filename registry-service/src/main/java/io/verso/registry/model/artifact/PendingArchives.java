package io.verso.registry.model.artifact;

import java.util.UUID;

/**
 * What keeps garbage collection away from an archive between its publication and the version row that references
 * it: {@link ArtifactIngestor} marks the key before the store writes it, and the transaction that inserts the
 * version {@linkplain #resolve resolves} the mark.
 */
public interface PendingArchives {

    /** Marks {@code key} as about to be referenced; the mark is durable (committed) when this returns. */
    UUID mark(String key);

    /**
     * Removes the mark, in the caller's transaction when there is one (the version row now protects the key), or on
     * its own when the upload failed.
     */
    void resolve(UUID mark);
}
