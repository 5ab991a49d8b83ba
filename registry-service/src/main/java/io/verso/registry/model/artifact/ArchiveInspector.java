package io.verso.registry.model.artifact;

import io.verso.artifact.ArchiveFormat;
import io.verso.artifact.EntryNames;
import io.verso.artifact.UnsafeArchiveException;
import io.verso.registry.error.RegistryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks a staged archive before it is stored, without extracting it: every entry must stay inside the archive
 * root (no {@code ..}, no absolute path), be a plain file or directory (no symbolic or hard link, no device), and
 * the whole must expand to at most {@code maxExpandedBytes}; {@code saved_model.pb} must sit at the root or in the
 * single top-level directory. Pods extract what passed these checks, so they are the pods' protection as well.
 * {@code saved_model.pb} is parsed in memory, so it has its own limit, far below the archive's: one upload must not
 * be able to exhaust the registry's heap with a huge graph.
 */
public final class ArchiveInspector {

    private static final String SAVED_MODEL = "saved_model.pb";

    private final long maxExpandedBytes;
    private final int maxEntries;
    private final int maxSavedModelBytes;

    public ArchiveInspector(long maxExpandedBytes, int maxEntries, int maxSavedModelBytes) {
        this.maxExpandedBytes = maxExpandedBytes;
        this.maxEntries = maxEntries;
        this.maxSavedModelBytes = maxSavedModelBytes;
    }

    public ArchiveContents inspect(Path archive, ArchiveFormat format) {
        try {
            return format == ArchiveFormat.ZIP ? inspectZip(archive) : inspectTarGz(archive);
        } catch (IOException e) {
            throw InvalidArtifactException.ofFile("file is not a readable " + format.extension() + " archive: "
                    + e.getMessage());
        }
    }

    private ArchiveContents inspectTarGz(Path archive) throws IOException {
        Tally tally = new Tally();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file, true);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = checkedName(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw InvalidArtifactException.ofFile("archive entry '" + entry.getName() + "' is a "
                            + (entry.isSymbolicLink() ? "symbolic" : "hard") + " link to '" + entry.getLinkName()
                            + "'; a SavedModel archive may hold only files and directories");
                }
                if (!entry.isFile() && !entry.isDirectory()) {
                    throw InvalidArtifactException.ofFile("archive entry '" + entry.getName()
                            + "' is a special file; a SavedModel archive may hold only files and directories");
                }
                tally.count(entry.isDirectory() ? 0 : entry.getSize());
                if (entry.isFile() && isSavedModelCandidate(name)) {
                    tally.savedModel(name, signatures(name, entry.getSize(), tar));
                }
            }
        }
        return tally.contents();
    }

    private ArchiveContents inspectZip(Path archive) throws IOException {
        Tally tally = new Tally();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = checkedName(entry.getName());
                if (entry.isUnixSymlink()) {
                    throw InvalidArtifactException.ofFile("archive entry '" + entry.getName()
                            + "' is a symbolic link; a SavedModel archive may hold only files and directories");
                }
                long size = entry.getSize();
                tally.count(entry.isDirectory() ? 0 : Math.max(size, 0));
                if (!entry.isDirectory() && isSavedModelCandidate(name)) {
                    try (InputStream pb = zip.getInputStream(entry)) {
                        tally.savedModel(name, signatures(name, size, pb));
                    }
                }
            }
        }
        return tally.contents();
    }

    /**
     * Reads at most one byte more than the limit, whatever the entry declares (a zip may declare a size it does not
     * keep to), and parses only what fits.
     */
    private List<SignatureInfo> signatures(String name, long declaredSize, InputStream entry) throws IOException {
        if (declaredSize > maxSavedModelBytes) {
            throw savedModelTooLarge(name);
        }
        byte[] pb = entry.readNBytes(maxSavedModelBytes + 1);
        if (pb.length > maxSavedModelBytes) {
            throw savedModelTooLarge(name);
        }
        return SavedModelSignatures.read(pb);
    }

    private RegistryException savedModelTooLarge(String name) {
        return RegistryException.tooLarge("file", "'" + name + "' is larger than " + maxSavedModelBytes
                + " bytes (verso.registry.max-saved-model-size)");
    }

    /**
     * The entry name normalised by the rules pods apply when they extract ({@link EntryNames}); refuses what would
     * land outside the extraction directory as an invalid file.
     */
    static String checkedName(String raw) {
        try {
            return EntryNames.checked(raw);
        } catch (UnsafeArchiveException e) {
            throw InvalidArtifactException.ofFile(e.getMessage());
        }
    }

    private static boolean isSavedModelCandidate(String name) {
        String[] segments = name.split("/");
        return segments.length <= 2 && segments[segments.length - 1].equals(SAVED_MODEL);
    }

    /** Counts entries and bytes against the limits, and collects the saved_model.pb candidates. */
    private final class Tally {
        private final Map<String, List<SignatureInfo>> candidates = new TreeMap<>();
        private int entries;
        private long bytes;

        void count(long size) {
            entries++;
            bytes += size;
            if (entries > maxEntries) {
                throw InvalidArtifactException.ofFile("the archive has more than " + maxEntries + " entries");
            }
            if (bytes > maxExpandedBytes) {
                throw RegistryException.tooLarge("file", "the archive expands to more than " + maxExpandedBytes
                        + " bytes (verso.registry.max-expanded-size)");
            }
        }

        void savedModel(String name, List<SignatureInfo> signatures) {
            String dir = name.contains("/") ? name.substring(0, name.indexOf('/')) : "";
            if (candidates.put(dir, signatures) != null) {
                throw InvalidArtifactException.ofFile("the archive holds '" + name + "' twice");
            }
        }

        ArchiveContents contents() {
            if (candidates.isEmpty()) {
                throw InvalidArtifactException.ofFile(
                        "the archive has no saved_model.pb at its root or in its top-level directory");
            }
            String dir = candidates.containsKey("") ? "" : single();
            return new ArchiveContents(dir, candidates.get(dir), entries, bytes);
        }

        private String single() {
            if (candidates.size() > 1) {
                throw InvalidArtifactException.ofFile("the archive holds several SavedModels "
                        + candidates.keySet() + "; upload one version per archive");
            }
            return candidates.keySet().iterator().next();
        }
    }
}
