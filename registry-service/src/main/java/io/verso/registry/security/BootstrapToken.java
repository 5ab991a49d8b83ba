package io.verso.registry.security;

/**
 * The first admin token, from {@code verso.registry.bootstrap-token} ({@code VERSO_REGISTRY_BOOTSTRAP_TOKEN}); it is
 * never stored and acts as the admin named {@value #NAME}. {@code value} is {@code null} when none is configured.
 */
public record BootstrapToken(String value) {

    public static final String NAME = "bootstrap";

    @Override
    public String toString() {
        return "BootstrapToken[" + (value == null ? "unset" : "****") + "]";
    }
}
