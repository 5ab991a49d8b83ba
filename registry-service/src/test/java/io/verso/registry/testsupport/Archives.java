package io.verso.registry.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds SavedModel archives in memory, well-formed ones from the TF Serving fixtures and hostile ones entry by
 * entry ({@code ../evil}, absolute paths, links), so tests never depend on archives checked into the repository.
 */
public final class Archives {

    /** TF Serving's test SavedModels, copied with their LICENSE and README. */
    public static final Path TFSERVING = Path.of("src", "test", "resources", "tfserving").toAbsolutePath();

    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String name, byte[] content, byte type, String linkTarget, boolean directory) {
    }

    private Archives() {
    }

    public static Archives builder() {
        return new Archives();
    }

    /** The version folder of a fixture, e.g. {@code saved_model_half_plus_two_cpu} → {@code .../00000123}. */
    public static Path fixture(String model) {
        return fixture(model, "00000123");
    }

    public static Path fixture(String model, String version) {
        return TFSERVING.resolve(model).resolve(version);
    }

    /** The SavedModel at the archive root, as {@code tar czf m.tgz -C <version dir> .} would write it. */
    public static byte[] tarGz(Path savedModelDir) {
        return builder().tree(savedModelDir, "").tarGz();
    }

    public static byte[] zip(Path savedModelDir) {
        return builder().tree(savedModelDir, "").zip();
    }

    /** Every file under {@code dir}, named {@code prefix + relative path}. */
    public Archives tree(Path dir, String prefix) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> file(
                    prefix + dir.relativize(file).toString().replace('\\', '/'), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Archives file(String name, byte[] content) {
        entries.add(new Entry(name, content, TarConstants.LF_NORMAL, null, false));
        return this;
    }

    public Archives file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Archives directory(String name) {
        entries.add(new Entry(name.endsWith("/") ? name : name + "/", new byte[0], TarConstants.LF_DIR, null, true));
        return this;
    }

    public Archives symlink(String name, String target) {
        entries.add(new Entry(name, new byte[0], TarConstants.LF_SYMLINK, target, false));
        return this;
    }

    public Archives hardLink(String name, String target) {
        entries.add(new Entry(name, new byte[0], TarConstants.LF_LINK, target, false));
        return this;
    }

    public byte[] tarGz() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(bytes);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                // preserveAbsolutePath: the writer would otherwise strip the leading '/' that tests want to send.
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name(), entry.type(), true);
                if (entry.linkTarget() != null) {
                    tarEntry.setLinkName(entry.linkTarget());
                }
                tarEntry.setSize(entry.type() == TarConstants.LF_NORMAL ? entry.content().length : 0);
                tar.putArchiveEntry(tarEntry);
                if (entry.type() == TarConstants.LF_NORMAL) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry entry : entries) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                byte[] content = entry.content();
                if (entry.type() == TarConstants.LF_SYMLINK) {
                    zipEntry.setUnixMode(0120777);
                    content = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
                }
                zip.putArchiveEntry(zipEntry);
                zip.write(content);
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }


    /** A valid saved_model.pb to put into hostile archives, so that only the hostile entry is wrong. */
    public static byte[] savedModelPb() {
        return read(fixture("saved_model_half_plus_two_cpu").resolve("saved_model.pb"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
