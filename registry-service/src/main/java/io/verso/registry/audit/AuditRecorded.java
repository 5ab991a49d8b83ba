package io.verso.registry.audit;

import java.time.Instant;

/**
 * Published by {@link AuditTrail#record} inside the transaction that writes the audit event, for every action
 * (operators' transitions and automatic ones alike): listeners that write rows (the webhook outbox) commit or roll
 * back with it.
 *
 * @param model    the deployment's model name
 * @param revision the deployment's revision after the action
 */
public record AuditRecorded(String model, String action, long revision, String actor, String reason, Long fromStable,
                            Long toStable, Long fromCanary, Long toCanary, Integer fromWeight, Integer toWeight,
                            String label, Instant at) {
}
