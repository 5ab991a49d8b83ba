package io.verso.registry.webhook;

import io.verso.registry.error.RegistryException;
import io.verso.registry.outbound.ForbiddenAddresses;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Webhook registrations and their delivery logs. */
@Service
class WebhookService {

    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final int MAX_LOG = 500;

    private final WebhookStore store;
    private final WebhookSecrets secrets;
    private final SecureRandom random = new SecureRandom();

    WebhookService(WebhookStore store, WebhookSecrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    /** Secrets stored in clear by registries from before they were encrypted are sealed when this one starts. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealSecretsStoredInClear() {
        for (WebhookStore.Subscription webhook : store.all()) {
            if (!WebhookSecrets.isSealed(webhook.secret())) {
                store.replaceSecret(webhook.id(), secrets.seal(webhook.secret()));
                log.info("Webhook {}: its secret, stored in clear, is encrypted now", webhook.id());
            }
        }
    }

    @Transactional
    public CreatedWebhook create(WebhookRequest request, String actor) {
        forbiddenTarget(request.url()).ifPresent(reason -> {
            throw RegistryException.invalid("url", reason);
        });
        String secret = request.secret() != null ? request.secret() : generateSecret();
        List<String> types = request.eventTypes() == null ? List.of() : List.copyOf(request.eventTypes());
        WebhookStore.Subscription created = store.insert(request.url(), secrets.seal(secret), types, actor);
        // The URL may carry credentials in its query; the log names the webhook by id only.
        log.info("Webhook {} created by {} for {}", created.id(), actor, types.isEmpty() ? "all events" : types);
        return new CreatedWebhook(created.id(), created.url(), created.eventTypes(), secret, created.createdBy(),
                created.createdAt());
    }

    @Transactional(readOnly = true)
    public List<WebhookView> list() {
        return store.all().stream().map(WebhookStore.Subscription::view).toList();
    }

    @Transactional
    public void delete(long id, String actor) {
        if (!store.delete(id)) {
            throw unknown(id);
        }
        log.info("Webhook {} deleted by {}", id, actor);
    }

    @Transactional(readOnly = true)
    public List<DeliveryView> deliveries(long id, int limit) {
        if (limit < 1 || limit > MAX_LOG) {
            throw RegistryException.invalid("limit", "limit must be between 1 and " + MAX_LOG);
        }
        store.find(id).orElseThrow(() -> unknown(id));
        return store.deliveries(id, limit);
    }

    /**
     * Why the registry must not post to {@code url}; empty when it may. A host that does not resolve (yet) is
     * accepted: the receiver may come up later, and each delivery checks again.
     */
    static Optional<String> forbiddenTarget(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.of("url is not a URL: " + e.getMessage());
        }
        if (host == null) {
            return Optional.of("url has no host: '" + url + "'");
        }
        try {
            return ForbiddenAddresses.of(host).map(address -> ForbiddenAddresses.reason(host, address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private String generateSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RegistryException unknown(long id) {
        return RegistryException.notFound("id", "no webhook has id " + id);
    }
}
