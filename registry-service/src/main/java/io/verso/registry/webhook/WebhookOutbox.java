package io.verso.registry.webhook;

import io.verso.registry.audit.AuditRecorded;
import io.verso.registry.model.VersionRegistered;
import io.verso.registry.webhook.WebhookStore.Subscription;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into delivery rows in the transaction that publishes them (plain, synchronous listeners): a
 * delivery exists exactly when its event committed, and nothing is lost if the registry stops right after the
 * commit. Sending is the {@link WebhookDispatcher}'s job.
 */
@Component
class WebhookOutbox {

    private final WebhookStore store;
    private final JsonMapper json;

    WebhookOutbox(WebhookStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @EventListener
    void onAudit(AuditRecorded event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", event.action());
        data.put("revision", event.revision());
        data.put("actor", event.actor());
        data.put("reason", event.reason());
        data.put("fromStable", event.fromStable());
        data.put("toStable", event.toStable());
        data.put("fromCanary", event.fromCanary());
        data.put("toCanary", event.toCanary());
        data.put("fromWeight", event.fromWeight());
        data.put("toWeight", event.toWeight());
        data.put("label", event.label());
        enqueue(new WebhookEvent(EventTypes.ofAuditAction(event.action()), event.model(), event.at(), data));
    }

    @EventListener
    void onVersionRegistered(VersionRegistered event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", event.version());
        data.put("actor", event.actor());
        enqueue(new WebhookEvent(EventTypes.VERSION_REGISTERED, event.model(), Instant.now(), data));
    }

    private void enqueue(WebhookEvent event) {
        String payload = null;
        for (Subscription webhook : store.all()) {
            if (EventTypes.matches(webhook.eventTypes(), event.type())) {
                payload = payload == null ? json.writeValueAsString(event) : payload;
                store.enqueue(webhook.id(), event.type(), payload);
            }
        }
    }
}
