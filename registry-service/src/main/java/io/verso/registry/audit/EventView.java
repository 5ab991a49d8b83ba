package io.verso.registry.audit;

import java.time.Instant;

/**
 * One entry of {@code GET .../deployment/history}.
 *
 * @param revision the deployment's revision this event produced
 * @param action   CANARY, SET_WEIGHT, PROMOTE, ROLLBACK, SET_LABEL, REMOVE_LABEL, or a canary analysis step:
 *                 ROLLOUT_STARTED, ROLLOUT_STEP, ROLLOUT_PAUSED, ROLLOUT_RESUMED, ROLLOUT_ABORTED
 * @param actor    name of the API token that made the change
 */
public record EventView(long revision, String action, String actor, Long fromStable, Long toStable, Long fromCanary,
                        Long toCanary, Integer fromWeight, Integer toWeight, String label, String reason,
                        String idempotencyKey, Instant at) {
}
