package io.verso.registry.pipeline;

/**
 * A registered version passed its model's gates and the model's policy asks for automatic rollout. Published after
 * the registration transaction committed (the version and its gate verdict are visible to any transaction);
 * listeners that write must open their own transaction ({@code REQUIRES_NEW}), as Spring requires after commit.
 *
 * @param actor the token that registered the version (the training pipeline's publisher token)
 */
public record VersionQualified(String model, long version, String actor) {
}
