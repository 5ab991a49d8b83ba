package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Archives under a directory: {@code sha256/<first two hex digits>/<sha256>.<tar.gz|zip>}, staged in
 * {@code .staging/} on the same filesystem so that publishing is one atomic rename and a crash never leaves a
 * half-written archive under a content key.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

    private final Path root;
    private final LocalStaging staging;

    public FileSystemArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = new LocalStaging(this.root.resolve(".staging"));
    }

    public Path root() {
        return root;
    }

    @Override
    public StagedArtifact stage(InputStream content, long maxBytes) throws IOException {
        return staging.receive(content, maxBytes);
    }

    @Override
    public String commit(StagedArtifact staged, ArchiveFormat format) throws IOException {
        String key = ArtifactStore.keyOf(staged.sha256(), format);
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
        // Publishing again renews the archive, so that garbage collection's grace period starts over.
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return key;
    }

    @Override
    public void discard(StagedArtifact staged) {
        staging.discard(staged);
    }

    @Override
    public Optional<Resource> open(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(key);
        return Files.isRegularFile(file) ? Optional.of(new FileSystemResource(file)) : Optional.empty();
    }

    @Override
    public void forEachArchive(Consumer<StoredArchive> each) throws IOException {
        Path archives = root.resolve("sha256");
        if (!Files.isDirectory(archives)) {
            return;
        }
        try (Stream<Path> files = Files.walk(archives, 2)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (KEY.matcher(key).matches()) {
                    each.accept(new StoredArchive(key, Files.getLastModifiedTime(file).toInstant()));
                }
            }
        }
    }

    @Override
    public void delete(String key) throws IOException {
        if (KEY.matcher(key).matches()) {
            Files.deleteIfExists(root.resolve(key));
        }
    }

    @Override
    public int sweepStaging(Instant cutoff) throws IOException {
        return staging.sweep(cutoff);
    }
}
