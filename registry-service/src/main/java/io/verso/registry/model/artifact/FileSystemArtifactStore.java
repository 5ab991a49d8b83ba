package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveDigest;
import io.verso.registry.web.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Archives under a directory: {@code sha256/<first two hex digits>/<sha256>.<tar.gz|zip>}, staged in
 * {@code .staging/} on the same filesystem so that publishing is one atomic rename and a crash never leaves a
 * half-written archive under a content key.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    private static final Pattern KEY = Pattern.compile("sha256/[0-9a-f]{2}/[0-9a-f]{64}\\.(tar\\.gz|zip)");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path staging;

    public FileSystemArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(".staging");
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact directory " + staging, e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public StagedArtifact stage(InputStream content, long maxBytes) throws IOException {
        Path file = Files.createTempFile(staging, "upload-", ".part");
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

    @Override
    public String commit(StagedArtifact staged, ArchiveFormat format) throws IOException {
        String key = "sha256/" + staged.sha256().substring(0, 2) + "/" + staged.sha256() + "." + format.extension();
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged.file(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Same bytes already stored (content addressing): keep the existing file.
            Files.deleteIfExists(staged.file());
        }
        if (Files.exists(staged.file()) && Files.exists(target)) {
            // Some filesystems replace on ATOMIC_MOVE instead of failing; either way one copy remains.
            Files.deleteIfExists(staged.file());
        }
        return key;
    }

    @Override
    public void discard(StagedArtifact staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete staged upload " + staged.file(), e);
        }
    }

    @Override
    public Optional<Resource> open(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(key);
        return Files.isRegularFile(file) ? Optional.of(new FileSystemResource(file)) : Optional.empty();
    }
}
