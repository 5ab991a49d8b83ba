package io.verso.registry.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is malformed, unknown or revoked. */
final class InvalidTokenException extends AuthenticationException {

    InvalidTokenException(String message) {
        super(message);
    }
}
