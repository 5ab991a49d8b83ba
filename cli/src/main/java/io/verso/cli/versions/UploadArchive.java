package io.verso.cli.versions;

import io.verso.artifact.ArchiveDigest;
import io.verso.artifact.ArchiveFormat;
import io.verso.artifact.SavedModelPacker;
import io.verso.cli.CliFailure;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;

/**
 * The archive an upload sends: the user's {@code .tar.gz}/{@code .tgz}/{@code .zip}, or a temporary {@code .tar.gz}
 * of a SavedModel directory, deleted on close. The SHA-256 is known before the upload starts because the registry
 * takes it as a header ({@code X-Content-SHA256}) and checks the bytes it received against it.
 */
final class UploadArchive implements AutoCloseable {

    private final Path file;
    private final String fileName;
    private final String contentType;
    private final String sha256;
    private final boolean temporary;

    private UploadArchive(Path file, String fileName, String contentType, String sha256, boolean temporary) {
        this.file = file;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sha256 = sha256;
        this.temporary = temporary;
    }

    /** @param name what the archive is called in the upload when a directory is packed */
    static UploadArchive of(Path source, String name) throws IOException {
        if (Files.isDirectory(source)) {
            if (!Files.isRegularFile(source.resolve("saved_model.pb"))) {
                throw CliFailure.usage(source + " is not a SavedModel directory: it has no saved_model.pb"
                        + " (point at the version directory, e.g. half_plus_two/1)");
            }
            Path packed = Files.createTempFile("verso-upload-", ".tar.gz");
            try {
                MessageDigest digest = ArchiveDigest.start();
                SavedModelPacker.tarGz(source, Map.of(),
                        new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(packed)), digest));
                return new UploadArchive(packed, name + "." + ArchiveFormat.TAR_GZ.extension(),
                        ArchiveFormat.TAR_GZ.mediaType(), ArchiveDigest.hex(digest), true);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(packed);
                throw e;
            }
        }
        if (!Files.isRegularFile(source)) {
            throw CliFailure.usage(source + " does not exist");
        }
        String fileName = source.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        String contentType;
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            contentType = ArchiveFormat.TAR_GZ.mediaType();
        } else if (lower.endsWith(".zip")) {
            contentType = ArchiveFormat.ZIP.mediaType();
        } else {
            throw CliFailure.usage(source + " is neither a SavedModel directory nor a .tar.gz, .tgz or .zip archive");
        }
        return new UploadArchive(source, fileName, contentType, sha256Of(source), false);
    }

    Path file() {
        return file;
    }

    String fileName() {
        return fileName;
    }

    String contentType() {
        return contentType;
    }

    String sha256() {
        return sha256;
    }

    long size() throws IOException {
        return Files.size(file);
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = ArchiveDigest.start();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return ArchiveDigest.hex(digest);
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(file);
        }
    }
}
