package io.verso.registry.webhook;

import java.time.Instant;
import java.util.List;

/** The answer to creating a webhook: the only time its secret is shown. */
record CreatedWebhook(long id, String url, List<String> eventTypes, String secret, String createdBy,
                      Instant createdAt) {
}
