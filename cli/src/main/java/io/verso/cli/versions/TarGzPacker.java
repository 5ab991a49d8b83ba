package io.verso.cli.versions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Packs a SavedModel directory's files, relative to it ({@code saved_model.pb} at the archive root, as the registry
 * expects), into a {@code .tar.gz}, hashing the bytes as they are written.
 */
final class TarGzPacker {

    private TarGzPacker() {
    }

    /** @return the archive's hex SHA-256 */
    static String pack(Path directory, Path target) throws IOException {
        MessageDigest digest = UploadArchive.sha256Digest();
        try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(target)), digest);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            // SavedModel variables shards can exceed tar's 8 GiB and 100-character limits.
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path source : files(directory)) {
                String name = directory.relativize(source).toString().replace(source.getFileSystem().getSeparator(), "/");
                TarArchiveEntry entry = tar.createArchiveEntry(source, name);
                tar.putArchiveEntry(entry);
                Files.copy(source, tar);
                tar.closeArchiveEntry();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Regular files in name order, so the same directory always packs the same way. */
    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
