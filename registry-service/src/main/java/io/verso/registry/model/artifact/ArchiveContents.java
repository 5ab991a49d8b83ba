package io.verso.registry.model.artifact;

import java.util.List;

/**
 * What an accepted archive holds.
 *
 * @param savedModelDir  directory of {@code saved_model.pb} inside the archive: {@code ""} for the root, else the
 *                       name of the single top-level directory that holds it
 * @param signatures     its serving signatures, sorted by name
 * @param entries        number of entries (files and directories)
 * @param expandedBytes  total size of the files once extracted
 */
public record ArchiveContents(String savedModelDir, List<SignatureInfo> signatures, int entries,
                              long expandedBytes) {
}
