/**
 * The audit trail of deployments: one {@link io.verso.registry.audit.DeploymentEvent} per transition, written in
 * the transition's transaction, and the idempotency records they double as. A leaf: imports only {@code web}.
 */
package io.verso.registry.audit;
