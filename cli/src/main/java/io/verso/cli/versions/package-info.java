/**
 * {@code verso versions list|show|upload}. An upload packs a SavedModel directory into a {@code .tar.gz} (or takes an
 * archive as is), computes its SHA-256 so the registry verifies what arrived, and streams it with a progress bar.
 */
package io.verso.cli.versions;
