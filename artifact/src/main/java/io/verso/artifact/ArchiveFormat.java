package io.verso.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The archive formats a SavedModel may travel in: uploaded to the registry, stored, served to pods and packed by
 * the CLI. Recognised by their first bytes, not by a file name. The constant names are the {@code format} that
 * versions store and the desired state carries, so they must not change.
 */
public enum ArchiveFormat {
    TAR_GZ("tar.gz", "application/gzip"),
    ZIP("zip", "application/zip");

    private final String extension;
    private final String mediaType;

    ArchiveFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    /** The {@code Content-Type} an archive of this format is stored and served with. */
    public String mediaType() {
        return mediaType;
    }

    /** File name extension in a store, without the dot. */
    public String extension() {
        return extension;
    }

    /** gzip starts with 1f 8b; a zip with a local file header "PK\3\4" (an empty zip, "PK\5\6", holds no model). */
    public static Optional<ArchiveFormat> detect(Path file) throws IOException {
        byte[] magic = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, 4);
        }
        if (read >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Optional.of(TAR_GZ);
        }
        if (read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return Optional.of(ZIP);
        }
        return Optional.empty();
    }
}
