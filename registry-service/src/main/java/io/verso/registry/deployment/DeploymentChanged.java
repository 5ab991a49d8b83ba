package io.verso.registry.deployment;

/** Published inside a transition's transaction; feed listeners act once it commits. */
public record DeploymentChanged(String model, long revision) {
}
