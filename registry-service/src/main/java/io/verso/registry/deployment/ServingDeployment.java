package io.verso.registry.deployment;

/** A deployment the feeds publish: a model that is not archived and has a stable version. */
public record ServingDeployment(long modelId, String model, DeploymentRouting routing) {
}
