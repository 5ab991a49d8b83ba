package io.verso.registry.security;

import java.security.Principal;

/** An authenticated caller: the token's name (the actor in the audit trail) and its role. */
public record TokenPrincipal(String name, Role role) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}
