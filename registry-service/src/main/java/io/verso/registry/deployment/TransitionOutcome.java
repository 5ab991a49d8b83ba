package io.verso.registry.deployment;

/**
 * @param replayed {@code true} when the answer is that of an earlier request with the same idempotency key
 */
public record TransitionOutcome(DeploymentView deployment, boolean replayed) {
}
