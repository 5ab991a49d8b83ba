/**
 * Deployments: per model the stable version, a canary and its weight, labels. {@link
 * io.verso.registry.deployment.DeploymentRouting} (where a deployment routes) and {@link
 * io.verso.registry.deployment.Transition} are the plain-Java state machine; {@link
 * io.verso.registry.deployment.DeploymentService} runs each transition as one transaction with optimistic locking,
 * idempotency and an audit event. Imports {@code model}, {@code audit}, {@code web} and {@code error}.
 */
package io.verso.registry.deployment;
