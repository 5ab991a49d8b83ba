package io.verso.localstack;

import io.verso.artifact.SavedModelPacker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

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
        SavedModelPacker.tarGz(versionDirectory,
                marker == null ? Map.of() : Map.of("assets.extra/marker", marker.getBytes(StandardCharsets.UTF_8)),
                bytes);
        return bytes.toByteArray();
    }
}
