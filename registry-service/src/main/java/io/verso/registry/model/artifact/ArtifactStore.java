package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * Where archives live, content-addressed by SHA-256: equal bytes have one key ({@link #keyOf}), so storing twice is
 * harmless and a key always names the same bytes. Two phases so that nothing becomes visible before the archive
 * passed its checks: {@link #stage} receives and hashes the bytes locally, {@link #commit} publishes them. A
 * filesystem directory is the default ({@link FileSystemArtifactStore}); {@link S3ArtifactStore} keeps them in a
 * bucket that several registry replicas share.
 *
 * <p>Publishing bytes that are already stored renews their {@link StoredArchive#lastModified()}, which garbage
 * collection's grace period counts from.
 */
public interface ArtifactStore {

    Pattern KEY = Pattern.compile("sha256/[0-9a-f]{2}/[0-9a-f]{64}\\.(tar\\.gz|zip)");

    /** The content key of an archive: {@code sha256/<first two hex digits>/<sha256>.<tar.gz|zip>}. */
    static String keyOf(String sha256, ArchiveFormat format) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256 + "." + format.extension();
    }

    /**
     * Reads {@code content} to its end into a private staging copy, hashing it.
     *
     * @throws io.verso.registry.error.RegistryException (TOO_LARGE) once more than {@code maxBytes} arrived (nothing
     *         kept)
     */
    StagedArtifact stage(InputStream content, long maxBytes) throws IOException;

    /** Publishes staged bytes under {@link #keyOf} and returns the key; the staging copy is gone afterwards. */
    String commit(StagedArtifact staged, ArchiveFormat format) throws IOException;

    /** Drops a staging copy that will not be committed; a no-op after {@link #commit}. */
    void discard(StagedArtifact staged);

    /** The stored archive, readable with ranges; empty when no archive has this key. */
    Optional<Resource> open(String key);

    /**
     * A short-lived URL that reads the archive without the registry; empty when this store has none (a filesystem)
     * or hands none out (configuration).
     */
    default Optional<URI> directUrl(String key) {
        return Optional.empty();
    }

    /** Calls {@code each} for every stored archive (not staging copies). */
    void forEachArchive(Consumer<StoredArchive> each) throws IOException;

    /** Deletes the archive; a no-op when there is none. */
    void delete(String key) throws IOException;

    /**
     * Removes what interrupted uploads left before {@code cutoff}: staging files and, in an object store, unfinished
     * multipart uploads. Returns how many were removed.
     */
    int sweepStaging(Instant cutoff) throws IOException;
}
