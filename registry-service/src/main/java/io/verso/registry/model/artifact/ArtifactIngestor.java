package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Receives an archive and stores it only if it passes every check: the client's SHA-256 when given, a known
 * format, {@link ArchiveInspector}'s entry checks and a readable {@code saved_model.pb}. On any failure the staged
 * bytes are deleted, so a refused upload leaves nothing behind. A stored archive comes back with a
 * {@link PendingArchives} mark that the caller resolves when it records the version (or gives up).
 */
public final class ArtifactIngestor {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final ArtifactStore store;
    private final ArchiveInspector inspector;
    private final PendingArchives pending;
    private final long maxUploadBytes;

    public ArtifactIngestor(ArtifactStore store, ArchiveInspector inspector, PendingArchives pending,
                            long maxUploadBytes) {
        this.store = store;
        this.inspector = inspector;
        this.pending = pending;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * @param expectedSha256 hex SHA-256 the client computed ({@code X-Content-SHA256}), or {@code null}
     * @param shaField       the request field that carried it, named in the error
     */
    public IngestedArtifact ingest(InputStream content, String expectedSha256, String shaField) {
        String expected = normalizedSha(expectedSha256, shaField);
        StagedArtifact staged;
        try {
            staged = store.stage(content, maxUploadBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not receive the archive", e);
        }
        try {
            if (staged.sizeBytes() == 0) {
                throw InvalidArtifactException.ofFile("file is empty");
            }
            if (expected != null && !expected.equals(staged.sha256())) {
                throw new InvalidArtifactException(shaField, "the archive's SHA-256 is " + staged.sha256()
                        + ", but " + shaField + " says " + expected + "; the upload was corrupted or is another file");
            }
            ArchiveFormat format = ArchiveFormat.detect(staged.file()).orElseThrow(() -> InvalidArtifactException
                    .ofFile("file is neither a gzip-compressed tar (.tar.gz) nor a zip archive"));
            ArchiveContents contents = inspector.inspect(staged.file(), format);
            // Marked before it is written, so that garbage collection never deletes it under the coming version.
            UUID mark = pending.mark(ArtifactStore.keyOf(staged.sha256(), format));
            String key;
            try {
                key = store.commit(staged, format);
            } catch (IOException | RuntimeException e) {
                pending.resolve(mark);
                throw e;
            }
            return new IngestedArtifact(key, staged.sha256(), staged.sizeBytes(), format, contents, mark);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the archive", e);
        } finally {
            store.discard(staged);
        }
    }

    private static String normalizedSha(String sha, String field) {
        if (sha == null || sha.isBlank()) {
            return null;
        }
        String hex = sha.trim().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new InvalidArtifactException(field, field + " must be 64 hexadecimal digits, but was '" + sha + "'");
        }
        return hex;
    }
}
