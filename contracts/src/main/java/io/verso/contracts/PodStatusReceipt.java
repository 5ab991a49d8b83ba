package io.verso.contracts;

import java.time.Instant;

/**
 * The registry's answer to a {@link PodStatus} report.
 *
 * @param podId      the pod the report was recorded for
 * @param expiresAt  when the pod leaves the routing table unless it reports again
 * @param ttlSeconds the registry's pod time-to-live; report at least every third of it
 */
public record PodStatusReceipt(String podId, Instant expiresAt, long ttlSeconds) {
}
