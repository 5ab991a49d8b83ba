package io.verso.registry.model;

/** Published inside the archiving transaction; the model leaves the feeds once it commits. */
public record ModelArchived(long modelId, String name) {
}
