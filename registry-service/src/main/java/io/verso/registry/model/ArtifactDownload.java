package io.verso.registry.model;

import org.springframework.core.io.Resource;

/** A stored archive with what a download must tell the client about it. */
record ArtifactDownload(Resource resource, String sha256, long sizeBytes, String format, String fileName) {
}
