package io.verso.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeArchiveExtractorTest {

    @TempDir
    Path dir;

    private final SafeArchiveExtractor extractor = new SafeArchiveExtractor(1024, 10);

    private Path tarGz(String... namesAndContents) throws IOException {
        Path archive = dir.resolve("a.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] bytes = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(namesAndContents[i], true);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    private Path target() throws IOException {
        return Files.createDirectories(dir.resolve("out"));
    }

    private long filesOutside(Path target) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(target) && !p.getFileName().toString().startsWith("a.")).count();
        }
    }

    @Test
    void extractsAModelAtTheRootOrInItsSingleTopLevelDirectory() throws IOException {
        Path root = extractor.extract(tarGz("saved_model.pb", "pb", "variables/variables.index", "ix"),
                ArchiveFormat.TAR_GZ, target());
        assertThat(root).isEqualTo(dir.resolve("out"));
        assertThat(root.resolve("variables/variables.index")).hasContent("ix");

        Path nested = dir.resolve("nested");
        Files.createDirectories(nested);
        assertThat(extractor.extract(tarGz("model/saved_model.pb", "pb"), ArchiveFormat.TAR_GZ, nested))
                .isEqualTo(nested.resolve("model"));
    }

    @Test
    void extractsZips() throws IOException {
        Path archive = dir.resolve("a.zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            zip.putArchiveEntry(new ZipArchiveEntry("1/saved_model.pb"));
            zip.write("pb".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }
        assertThat(extractor.extract(archive, ArchiveFormat.ZIP, target()).resolve("saved_model.pb")).hasContent("pb");
    }

    @Test
    void refusesEntriesThatEscapeTheRootAndWritesNothingOutside() throws IOException {
        Path target = target();
        assertThatThrownBy(() -> extractor.extract(tarGz("saved_model.pb", "pb", "../evil", "x"),
                ArchiveFormat.TAR_GZ, target)).isInstanceOf(UnsafeArchiveException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> extractor.extract(tarGz("/etc/evil", "x"), ArchiveFormat.TAR_GZ, target))
                .hasMessageContaining("absolute path");
        assertThat(filesOutside(target)).isZero();
    }

    @Test
    void refusesLinks() throws IOException {
        Path archive = dir.resolve("a.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            TarArchiveEntry link = new TarArchiveEntry("saved_model.pb", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> extractor.extract(archive, ArchiveFormat.TAR_GZ, target()))
                .hasMessageContaining("is a link to '/etc/passwd'");
    }

    @Test
    void refusesOversizedArchivesAndArchivesWithoutAModel() throws IOException {
        assertThatThrownBy(() -> extractor.extract(tarGz("saved_model.pb", "x".repeat(2000)), ArchiveFormat.TAR_GZ,
                target())).hasMessageContaining("expands to more than 1024 bytes");
        Path other = Files.createDirectories(dir.resolve("other"));
        assertThatThrownBy(() -> extractor.extract(tarGz("readme.txt", "hi"), ArchiveFormat.TAR_GZ, other))
                .hasMessageContaining("no saved_model.pb");
    }
}
