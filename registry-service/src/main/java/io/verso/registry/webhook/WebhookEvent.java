package io.verso.registry.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * The JSON body of a delivery.
 *
 * @param type       e.g. {@code version.registered}, {@code deployment.promote}
 * @param occurredAt when the registry recorded it
 * @param data       the event's fields (see docs/ct-hook.md)
 */
record WebhookEvent(String type, String model, Instant occurredAt, Map<String, Object> data) {
}
