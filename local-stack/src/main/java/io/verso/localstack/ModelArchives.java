package io.verso.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** SavedModel directories packed as the {@code .tar.gz} archives the registry takes. */
public final class ModelArchives {

    private ModelArchives() {
    }

    /**
     * Packs {@code versionDirectory}; a non-null {@code marker} adds {@code assets.extra/marker} with that text, so
     * two versions of the same graph have different bytes (and digests), as real retrained versions would.
     */
    public static byte[] tarGz(Path versionDirectory, String marker) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
             Stream<Path> files = Files.walk(versionDirectory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                add(tar, versionDirectory.relativize(file).toString(), Files.readAllBytes(file));
            }
            if (marker != null) {
                add(tar, "assets.extra/marker", marker.getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
