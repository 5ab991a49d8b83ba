package io.verso.registry.security;

import java.util.List;
import java.util.Locale;

/**
 * Token roles. Human roles nest (admin ⊃ deployer ⊃ viewer). Machine roles are apart: {@link #POD} reads the
 * desired state, downloads artifacts and reports its own status and monitoring summaries; {@link #GATEWAY} reads
 * the routing table and nothing else, so a gateway's credential cannot feed canary analysis or the routing table.
 * {@link #MACHINE} is the deprecated role of both at once (tokens issued before the split keep working; issue
 * {@code pod} or {@code gateway} tokens instead). {@link #PUBLISHER} is apart too: a training pipeline's CI token
 * registers versions of existing models and reads models, versions and gate results, and can neither create models
 * nor move traffic (a model's pipeline policy decides that).
 */
public enum Role {
    VIEWER(List.of("ROLE_VIEWER")),
    DEPLOYER(List.of("ROLE_VIEWER", "ROLE_DEPLOYER")),
    ADMIN(List.of("ROLE_VIEWER", "ROLE_DEPLOYER", "ROLE_ADMIN")),
    POD(List.of("ROLE_POD")),
    GATEWAY(List.of("ROLE_GATEWAY")),
    /** Deprecated: pod and gateway at once, as machine tokens were before the split. */
    MACHINE(List.of("ROLE_POD", "ROLE_GATEWAY")),
    /** A client of the gateway: calls the models its key names, nothing at the registry but reading its scope. */
    CLIENT(List.of("ROLE_CLIENT")),
    PUBLISHER(List.of("ROLE_PUBLISHER"));

    private final List<String> authorities;

    Role(List<String> authorities) {
        this.authorities = authorities;
    }

    public List<String> authorities() {
        return authorities;
    }

    /** As the API writes it: lowercase. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
