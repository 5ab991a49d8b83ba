package io.verso.registry.audit;

/**
 * What a transition records.
 *
 * @param revision       the deployment's revision after the transition
 * @param requestHash    hash of the request, to tell a replay from a reused idempotency key
 * @param resultJson     the answer the transition gave, replayed for a repeated idempotency key
 */
public record AuditEntry(long deploymentId, long revision, String action, String actor, Long fromStable,
                         Long toStable, Long fromCanary, Long toCanary, Integer fromWeight, Integer toWeight,
                         String label, String reason, String idempotencyKey, String requestHash, String resultJson) {
}
