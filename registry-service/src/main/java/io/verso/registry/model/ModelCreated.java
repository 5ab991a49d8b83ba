package io.verso.registry.model;

/** Published inside the creating transaction, so that listeners can create what belongs to a model with it. */
public record ModelCreated(long modelId, String name) {
}
