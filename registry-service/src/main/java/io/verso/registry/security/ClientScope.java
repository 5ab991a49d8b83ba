package io.verso.registry.security;

import java.time.Instant;
import java.util.List;

/**
 * What a token may do at the gateway: the models it may call, whether it may post feedback, and until when it
 * works. Gateways read it from {@code GET /api/v1/tokens/self} with the key itself and enforce it; the registry
 * enforces the expiry for every role.
 *
 * @param models    model names the key may call; null: every model
 * @param feedback  whether the key may post ground-truth labels ({@code POST /v1/feedback})
 * @param expiresAt when the token stops working; null: never
 */
public record ClientScope(List<String> models, boolean feedback, Instant expiresAt) {

    /** No model limit, no feedback, no expiry: what tokens of the other roles carry. */
    static final ClientScope UNSCOPED = new ClientScope(null, false, null);

    public ClientScope {
        models = models == null ? null : List.copyOf(models);
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
