package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import java.util.UUID;

/**
 * An archive that passed every check and is stored.
 *
 * @param key       store key
 * @param sha256    lowercase hex SHA-256 of the archive
 * @param sizeBytes archive size
 * @param format    archive format
 * @param contents  what the archive holds, signatures included
 * @param pending   the {@link PendingArchives} mark that protects the key until a version references it
 */
public record IngestedArtifact(String key, String sha256, long sizeBytes, ArchiveFormat format,
                               ArchiveContents contents, UUID pending) {
}
