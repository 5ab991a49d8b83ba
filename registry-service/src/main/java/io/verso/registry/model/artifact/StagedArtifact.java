package io.verso.registry.model.artifact;

import java.nio.file.Path;

/**
 * Bytes received and hashed but not yet stored under any key: either committed or discarded.
 *
 * @param file      local copy, private to this upload
 * @param sha256    lowercase hex SHA-256 of the bytes
 * @param sizeBytes number of bytes
 */
public record StagedArtifact(Path file, String sha256, long sizeBytes) {
}
