package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveDigest;
import io.verso.registry.error.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local directory where uploads are received and hashed before any store publishes them; both stores stage here
 * (the filesystem store on the same filesystem as its archives, so publishing is a rename). Files are named
 * {@code upload-*.part}; one left by a crash is removed by {@link #sweep} once it is older than the grace period.
 */
final class LocalStaging {

    private static final int BUFFER = 64 * 1024;

    private final Path directory;

    LocalStaging(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the staging directory " + this.directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /** Reads {@code content} to its end into a new staging file, hashing it; see {@link ArtifactStore#stage}. */
    StagedArtifact receive(InputStream content, long maxBytes) throws IOException {
        Path file = Files.createTempFile(directory, "upload-", ".part");
        MessageDigest sha256 = ArchiveDigest.start();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = content.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw RegistryException.tooLarge("file", "file exceeds the upload size limit of " + maxBytes
                            + " bytes (verso.registry.max-upload-size)");
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new StagedArtifact(file, ArchiveDigest.hex(sha256), size);
    }

    void discard(StagedArtifact staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staged upload " + staged.file(), e);
        }
    }

    /** Deletes staging files last written before {@code cutoff} (uploads a crash interrupted); returns how many. */
    int sweep(Instant cutoff) throws IOException {
        List<Path> stale;
        try (Stream<Path> files = Files.list(directory)) {
            stale = files.filter(file -> file.getFileName().toString().startsWith("upload-"))
                    .filter(file -> modifiedBefore(file, cutoff)).toList();
        }
        int deleted = 0;
        for (Path file : stale) {
            if (Files.deleteIfExists(file)) {
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean modifiedBefore(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }
}
