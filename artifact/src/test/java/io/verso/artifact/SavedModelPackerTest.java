package io.verso.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the packer writes is what the registry and the pods accept: it is read back with {@link SafeArchiveExtractor}. */
class SavedModelPackerTest {

    @TempDir
    Path dir;

    private Path model;

    @BeforeEach
    void aSavedModelDirectory() throws IOException {
        model = Files.createDirectories(dir.resolve("half_plus_two/1"));
        Files.writeString(model.resolve("saved_model.pb"), "pb");
        Files.createDirectories(model.resolve("variables"));
        Files.writeString(model.resolve("variables/variables.index"), "ix");
        Files.writeString(model.resolve("variables/" + "v".repeat(120) + ".data-00000-of-00001"), "long name");
    }

    private byte[] pack(Map<String, byte[]> extra) throws IOException {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        SavedModelPacker.tarGz(model, extra, archive);
        return archive.toByteArray();
    }

    private Path extract(byte[] archive, String name) throws IOException {
        Path file = Files.write(dir.resolve(name + ".tar.gz"), archive);
        return new SafeArchiveExtractor(1 << 20, 10)
                .extract(file, ArchiveFormat.TAR_GZ, Files.createDirectories(dir.resolve(name)));
    }

    @Test
    void packsTheFilesRelativeToTheVersionDirectoryAndTheExtractorTakesThemBack() throws IOException {
        Path root = extract(pack(Map.of()), "plain");

        assertThat(root).isEqualTo(dir.resolve("plain"));
        assertThat(root.resolve("saved_model.pb")).hasContent("pb");
        assertThat(root.resolve("variables/variables.index")).hasContent("ix");
        assertThat(root.resolve("variables/" + "v".repeat(120) + ".data-00000-of-00001")).hasContent("long name");
    }

    @Test
    void theSameDirectoryPacksToTheSameBytesAndAnExtraEntryChangesThem() throws IOException {
        byte[] marked = pack(Map.of("assets.extra/marker", "2".getBytes(StandardCharsets.UTF_8)));

        assertThat(pack(Map.of())).isEqualTo(pack(Map.of())).isNotEqualTo(marked);
        assertThat(extract(marked, "marked").resolve("assets.extra/marker")).hasContent("2");
    }
}
