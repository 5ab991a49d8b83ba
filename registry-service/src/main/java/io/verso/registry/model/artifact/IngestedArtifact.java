package io.verso.registry.model.artifact;

/**
 * An archive that passed every check and is stored.
 *
 * @param key       store key
 * @param sha256    lowercase hex SHA-256 of the archive
 * @param sizeBytes archive size
 * @param format    archive format
 * @param contents  what the archive holds, signatures included
 */
public record IngestedArtifact(String key, String sha256, long sizeBytes, ArchiveFormat format,
                               ArchiveContents contents) {
}
