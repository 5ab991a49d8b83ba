package io.verso.registry.deployment;

import io.verso.registry.error.RegistryException;

/**
 * A transition the rollout rules forbid from the current state: a {@link RegistryException} whose kind says whether
 * the request itself is wrong, does not fit the current state, or names what does not exist. Plain Java, so the
 * state machine stays free of HTTP.
 */
public class TransitionRejected extends RegistryException {

    public TransitionRejected(Kind kind, String field, String message) {
        super(kind, field, message);
    }
}
