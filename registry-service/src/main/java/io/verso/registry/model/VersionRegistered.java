package io.verso.registry.model;

/**
 * Published inside the registration transaction, after the version row is written: listeners record what belongs
 * with the version (gate results, webhook deliveries) atomically with it.
 */
public record VersionRegistered(long modelId, String model, long version, String actor) {
}
