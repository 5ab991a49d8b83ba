package io.verso.registry.security;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens known from configuration when the registry starts, so that a deployment works with no token minted by
 * hand: the first admin token ({@code VERSO_REGISTRY_BOOTSTRAP_TOKEN}) and the machine credentials that a Helm
 * install or compose hands to its inference pods ({@code VERSO_REGISTRY_POD_TOKEN}) and gateways
 * ({@code VERSO_REGISTRY_GATEWAY_TOKEN}). They are never stored; only their SHA-256 is kept in memory, and each acts
 * as the principal named here. Stored tokens cannot take these names.
 */
public final class ConfiguredTokens {

    /** Principal of the bootstrap admin token. */
    public static final String ADMIN = "bootstrap";
    /** Principal of the inference pods' configured machine token. */
    public static final String PODS = "bootstrap-pods";
    /** Principal of the gateways' configured machine token. */
    public static final String GATEWAYS = "bootstrap-gateways";

    private final Map<String, Configured> byName = new LinkedHashMap<>();

    /** Each argument may be {@code null} (or blank): that credential is not configured. */
    public ConfiguredTokens(String adminToken, String podToken, String gatewayToken) {
        add(ADMIN, Role.ADMIN, adminToken);
        add(PODS, Role.MACHINE, podToken);
        add(GATEWAYS, Role.MACHINE, gatewayToken);
        long distinct = byName.values().stream().map(c -> HexFormat.of().formatHex(c.hash())).distinct().count();
        if (distinct != byName.size()) {
            // One secret for two principals would make the audit trail name the wrong one.
            throw new IllegalArgumentException("the configured bootstrap, pod and gateway tokens must differ");
        }
    }

    private void add(String name, Role role, String token) {
        if (token != null && !token.isBlank()) {
            byName.put(name, new Configured(role, HexFormat.of().parseHex(TokenService.hash(token))));
        }
    }

    /** The principal whose configured token has this SHA-256, compared in constant time. */
    Optional<TokenPrincipal> match(byte[] hash) {
        TokenPrincipal found = null;
        // Every entry is compared, so response timing says nothing about which one (or how much of it) matched.
        for (Map.Entry<String, Configured> entry : byName.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue().hash(), hash)) {
                found = new TokenPrincipal(entry.getKey(), entry.getValue().role());
            }
        }
        return Optional.ofNullable(found);
    }

    boolean isReservedName(String name) {
        return ADMIN.equals(name) || PODS.equals(name) || GATEWAYS.equals(name);
    }

    boolean hasAdmin() {
        return byName.containsKey(ADMIN);
    }

    @Override
    public String toString() {
        return "ConfiguredTokens" + byName.keySet();
    }

    private record Configured(Role role, byte[] hash) {
    }
}
