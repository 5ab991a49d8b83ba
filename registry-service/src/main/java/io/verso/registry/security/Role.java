package io.verso.registry.security;

import java.util.List;
import java.util.Locale;

/**
 * Token roles. Human roles nest (admin ⊃ deployer ⊃ viewer); {@link #MACHINE} is apart: inference pods and
 * gateways read the feeds, download artifacts and report pod status, and can do nothing else. {@link #PUBLISHER}
 * is apart too: a training pipeline's CI token registers versions of existing models and reads models, versions
 * and gate results, and can neither create models nor move traffic (a model's pipeline policy decides that).
 */
public enum Role {
    VIEWER(List.of("ROLE_VIEWER")),
    DEPLOYER(List.of("ROLE_VIEWER", "ROLE_DEPLOYER")),
    ADMIN(List.of("ROLE_VIEWER", "ROLE_DEPLOYER", "ROLE_ADMIN")),
    MACHINE(List.of("ROLE_MACHINE")),
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
