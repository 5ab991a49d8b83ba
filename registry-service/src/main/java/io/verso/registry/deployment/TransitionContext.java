package io.verso.registry.deployment;

/**
 * Who asks for a transition and under which conditions.
 *
 * @param actor            API token name, recorded in the audit trail
 * @param reason           free text for the audit trail, may be {@code null}
 * @param idempotencyKey   {@code Idempotency-Key} header: a repeat with the same key and request replays the first
 *                         answer; {@code null} when absent
 * @param expectedRevision revision from {@code If-Match}: the transition applies only to that revision;
 *                         {@code null} when absent (or {@code *})
 */
public record TransitionContext(String actor, String reason, String idempotencyKey, Long expectedRevision) {
}
