package io.verso.registry.model.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where archives live, content-addressed by SHA-256: equal bytes have one key, so storing twice is harmless and a
 * key always names the same bytes. Two phases so that nothing becomes visible before the archive passed its checks:
 * {@link #stage} receives and hashes the bytes locally, {@link #commit} publishes them. A filesystem directory is
 * the default ({@link FileSystemArtifactStore}); an object store implements the same three steps (stage locally,
 * upload on commit, open as a {@link Resource}).
 */
public interface ArtifactStore {

    /**
     * Reads {@code content} to its end into a private staging copy, hashing it.
     *
     * @throws io.verso.registry.web.RegistryException 413 once more than {@code maxBytes} arrived (nothing kept)
     */
    StagedArtifact stage(InputStream content, long maxBytes) throws IOException;

    /** Publishes staged bytes under their content key and returns the key; the staging copy is gone afterwards. */
    String commit(StagedArtifact staged, ArchiveFormat format) throws IOException;

    /** Drops a staging copy that will not be committed; a no-op after {@link #commit}. */
    void discard(StagedArtifact staged);

    /** The stored archive, readable with ranges; empty when no archive has this key. */
    Optional<Resource> open(String key);
}
