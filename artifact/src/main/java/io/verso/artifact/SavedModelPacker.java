package io.verso.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Packs a SavedModel version directory into the {@code .tar.gz} the registry takes: its regular files with paths
 * relative to it ({@code saved_model.pb} at the archive root), in name order, so that the same directory always packs
 * to the same entries. Files are streamed, never held in memory.
 */
public final class SavedModelPacker {

    private SavedModelPacker() {
    }

    /**
     * @param extraEntries entries added after the directory's files (name relative to the root → content), e.g. a
     *                     marker that makes two versions of one graph differ in bytes as retrained versions would
     * @param out          receives the archive, and is closed at the end
     */
    public static void tarGz(Path versionDirectory, Map<String, byte[]> extraEntries, OutputStream out)
            throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            // SavedModel variables shards can exceed tar's 8 GiB size and 100-character name limits.
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path source : regularFiles(versionDirectory)) {
                String name = versionDirectory.relativize(source).toString()
                        .replace(source.getFileSystem().getSeparator(), "/");
                tar.putArchiveEntry(tar.createArchiveEntry(source, name));
                Files.copy(source, tar);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, byte[]> extra : new TreeMap<>(extraEntries).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(extra.getKey());
                entry.setSize(extra.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(extra.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    private static List<Path> regularFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
