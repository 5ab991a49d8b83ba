package io.verso.registry.webhook;

import java.time.Instant;
import java.util.List;

/** A webhook as listed: never with its secret. */
record WebhookView(long id, String url, List<String> eventTypes, String createdBy, Instant createdAt) {
}
