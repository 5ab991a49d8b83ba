package io.verso.registry.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a webhook's delivery log.
 *
 * @param status         PENDING (due at {@code nextAttemptAt}), DELIVERED or FAILED (attempts exhausted)
 * @param lastHttpStatus the receiver's status on the last attempt; {@code null} if it never answered
 * @param lastError      why the last attempt failed; {@code null} after a success
 */
record DeliveryView(UUID deliveryId, String eventType, String status, int attempts, Integer lastHttpStatus,
                    String lastError, Instant nextAttemptAt, Instant createdAt, Instant finishedAt) {
}
