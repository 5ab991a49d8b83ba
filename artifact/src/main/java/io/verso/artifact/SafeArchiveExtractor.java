package io.verso.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a SavedModel archive into an empty directory under the format's rules: entry names are checked before
 * anything is written ({@link EntryNames}), links and special files are refused, and the bytes written are counted
 * against a limit as they stream (a zip may declare sizes it does not keep to). On any failure the caller deletes
 * the directory; nothing outside it is ever touched.
 */
public final class SafeArchiveExtractor {

    private static final String SAVED_MODEL = "saved_model.pb";

    private final long maxExpandedBytes;
    private final int maxEntries;

    public SafeArchiveExtractor(long maxExpandedBytes, int maxEntries) {
        this.maxExpandedBytes = maxExpandedBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * @return the directory holding {@code saved_model.pb}: {@code target} or its single top-level directory
     * @throws UnsafeArchiveException when the archive breaks a rule
     */
    public Path extract(Path archive, ArchiveFormat format, Path target) throws IOException {
        Budget budget = new Budget();
        if (format == ArchiveFormat.ZIP) {
            extractZip(archive, target, budget);
        } else {
            extractTarGz(archive, target, budget);
        }
        return savedModelDirectory(target);
    }

    private void extractTarGz(Path archive, Path target, Budget budget) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(file, true);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = EntryNames.checked(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' is a link to '"
                            + entry.getLinkName() + "'; a SavedModel archive may hold only files and directories");
                }
                if (!entry.isFile() && !entry.isDirectory()) {
                    throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' is a special file");
                }
                write(target, name, entry.isDirectory(), tar, budget);
            }
        }
    }

    private void extractZip(Path archive, Path target, Budget budget) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = EntryNames.checked(entry.getName());
                if (entry.isUnixSymlink()) {
                    throw new UnsafeArchiveException("archive entry '" + entry.getName() + "' is a symbolic link");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    write(target, name, entry.isDirectory(), in, budget);
                }
            }
        }
    }

    private void write(Path target, String name, boolean directory, InputStream in, Budget budget)
            throws IOException {
        budget.entry();
        Path path = name.isEmpty() ? target : target.resolve(name).normalize();
        if (!path.startsWith(target)) {
            throw new UnsafeArchiveException("archive entry '" + name + "' escapes the archive root");
        }
        if (directory) {
            Files.createDirectories(path);
            return;
        }
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                budget.bytes(n);
                out.write(buffer, 0, n);
            }
        }
    }

    private static Path savedModelDirectory(Path target) throws IOException {
        if (Files.isRegularFile(target.resolve(SAVED_MODEL))) {
            return target;
        }
        try (var children = Files.list(target)) {
            var dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve(SAVED_MODEL))) {
                return dirs.get(0);
            }
        }
        throw new UnsafeArchiveException("the archive has no saved_model.pb at its root or in its single top-level "
                + "directory");
    }

    /** Counts entries and expanded bytes against the limits while the archive streams. */
    private final class Budget {
        private int entries;
        private long bytes;

        void entry() {
            if (++entries > maxEntries) {
                throw new UnsafeArchiveException("the archive has more than " + maxEntries + " entries");
            }
        }

        void bytes(int n) {
            bytes += n;
            if (bytes > maxExpandedBytes) {
                throw new UnsafeArchiveException("the archive expands to more than " + maxExpandedBytes + " bytes");
            }
        }
    }
}
