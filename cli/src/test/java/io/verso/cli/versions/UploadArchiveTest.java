package io.verso.cli.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadArchiveTest {

    @TempDir
    Path work;

    @Test
    void packsADirectoryWithSavedModelPbAtTheRootAndItsDigest() throws Exception {
        Path model = Files.createDirectories(work.resolve("half_plus_two/1"));
        Files.writeString(model.resolve("saved_model.pb"), "graph");
        Files.createDirectories(model.resolve("variables"));
        Files.writeString(model.resolve("variables/variables.index"), "index");
        Path packedPath;

        try (UploadArchive archive = UploadArchive.of(model, "half_plus_two")) {
            packedPath = archive.file();
            assertThat(archive.fileName()).isEqualTo("half_plus_two.tar.gz");
            assertThat(archive.contentType()).isEqualTo("application/gzip");
            assertThat(archive.sha256()).isEqualTo(sha256(archive.file()));
            assertThat(entries(archive.file())).containsExactly(
                    Map.entry("saved_model.pb", "graph"), Map.entry("variables/variables.index", "index"));
        }
        assertThat(packedPath).as("the temporary archive is removed").doesNotExist();
    }

    @Test
    void sendsAnArchiveAsItIsAndKeepsIt() throws Exception {
        Path zip = Files.write(work.resolve("model.zip"), new byte[] {'P', 'K', 5, 6});

        try (UploadArchive archive = UploadArchive.of(zip, "m")) {
            assertThat(archive.file()).isEqualTo(zip);
            assertThat(archive.fileName()).isEqualTo("model.zip");
            assertThat(archive.contentType()).isEqualTo("application/zip");
            assertThat(archive.sha256()).isEqualTo(sha256(zip));
        }
        assertThat(zip).exists();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Map<String, String> entries(Path tarGz) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(tarGz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
