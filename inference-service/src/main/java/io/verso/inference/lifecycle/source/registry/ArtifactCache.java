package io.verso.inference.lifecycle.source.registry;

import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.ArchiveFormat;
import io.verso.artifact.SafeArchiveExtractor;
import io.verso.artifact.UnsafeArchiveException;
import io.verso.contracts.DesiredVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracted SavedModels on local disk, one directory per artifact sha256, so a version already here is never
 * downloaded again and survives restarts. A download streams to a temporary file while its digest is computed;
 * only an archive whose size and sha256 match the desired state, and that passes the archive rules, is extracted
 * and then moved into place in one rename. Anything else is refused and leaves no trace. When the desired state
 * carries a presigned {@link DesiredVersion#directUrl()}, the archive is read from the object store first and
 * through the registry when that fails (an expired URL, an unreachable bucket): the same checks apply to both.
 */
final class ArtifactCache {

    private static final Logger log = LoggerFactory.getLogger(ArtifactCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final RegistryClient client;
    private final SafeArchiveExtractor extractor;
    private final SyncMetrics metrics;

    ArtifactCache(Path root, RegistryClient client, SafeArchiveExtractor extractor, SyncMetrics metrics)
            throws IOException {
        this.root = Files.createDirectories(root);
        this.client = client;
        this.extractor = extractor;
        this.metrics = metrics;
    }

    /** The directory holding the version's {@code saved_model.pb}, downloading the artifact if it is not here. */
    Path modelDirectory(DesiredVersion version) throws IOException, InterruptedException, ArtifactRejectedException {
        if (!SHA256.matcher(version.sha256()).matches()) {
            throw new ArtifactRejectedException("sha256 '" + version.sha256() + "' is not 64 lowercase hex digits");
        }
        Path cached = root.resolve(version.sha256());
        if (!Files.isDirectory(cached)) {
            download(version, cached);
        }
        return savedModelDirectory(cached);
    }

    boolean contains(DesiredVersion version) {
        return SHA256.matcher(version.sha256()).matches() && Files.isDirectory(root.resolve(version.sha256()));
    }

    private void download(DesiredVersion version, Path cached)
            throws IOException, InterruptedException, ArtifactRejectedException {
        Path staging = Files.createTempDirectory(root, ".download-");
        long started = System.nanoTime();
        try {
            Path archive = staging.resolve("artifact");
            String digest = fetch(version, archive);
            long size = Files.size(archive);
            if (size != version.sizeBytes()) {
                throw rejected(version, "size " + size + " differs from the registered " + version.sizeBytes());
            }
            if (!digest.equals(version.sha256())) {
                throw rejected(version, "sha256 " + digest + " differs from the registered " + version.sha256());
            }
            Path extracted = Files.createDirectory(staging.resolve("model"));
            try {
                extractor.extract(archive, ArchiveFormat.valueOf(version.format()), extracted);
            } catch (UnsafeArchiveException | IllegalArgumentException e) {
                throw rejected(version, e.getMessage());
            }
            move(extracted, cached);
            metrics.downloaded(size, System.nanoTime() - started, true);
        } catch (ArtifactRejectedException | IOException e) {
            metrics.downloaded(0, System.nanoTime() - started, false);
            throw e;
        } finally {
            deleteRecursively(staging);
        }
    }

    private String fetch(DesiredVersion version, Path archive) throws IOException, InterruptedException {
        if (version.directUrl() != null) {
            try {
                String digest = copy(client.direct(version.directUrl()), archive);
                if (digest.equals(version.sha256())) {
                    return digest;
                }
                log.warn("Version {}: the object store's archive has sha256 {}, not {}; downloading through the"
                        + " registry", version.version(), digest, version.sha256());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("Version {}: direct download failed ({}); downloading through the registry",
                        version.version(), e.getMessage());
            }
        }
        return copy(client.artifact(version.artifactUrl()), archive);
    }

    /** Streams {@code source} into {@code archive} (replacing it), returning the bytes' SHA-256. */
    private static String copy(InputStream source, Path archive) throws IOException {
        MessageDigest sha256 = ArchiveDigest.start();
        try (InputStream body = new DigestInputStream(source, sha256);
             OutputStream out = Files.newOutputStream(archive)) {
            body.transferTo(out);
        }
        return ArchiveDigest.hex(sha256);
    }

    private static ArtifactRejectedException rejected(DesiredVersion version, String reason) {
        return new ArtifactRejectedException("artifact of version " + version.version() + " refused: " + reason);
    }

    /** Another sync may have finished the same artifact first; its copy is as good as ours. */
    private static void move(Path extracted, Path cached) throws IOException {
        try {
            Files.move(extracted, cached, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(extracted, cached);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // kept: the existing directory holds the same bytes
        }
    }

    private static Path savedModelDirectory(Path cached) throws IOException {
        if (Files.isRegularFile(cached.resolve("saved_model.pb"))) {
            return cached;
        }
        try (Stream<Path> children = Files.list(cached)) {
            return children.filter(Files::isDirectory).findFirst().orElse(cached);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
