package io.verso.artifact;

/** The archive formats a SavedModel may travel in. */
public enum ArchiveFormat {
    TAR_GZ, ZIP
}
