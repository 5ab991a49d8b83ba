/**
 * The SavedModel archive format shared by the registry (which checks uploads) and inference pods (which extract
 * downloads): {@code .tar.gz} or {@code .zip}, only plain files and directories, nothing outside the root, bounded
 * size, {@code saved_model.pb} at the root or in the single top-level directory. Plain Java and Commons Compress.
 */
package io.verso.artifact;
