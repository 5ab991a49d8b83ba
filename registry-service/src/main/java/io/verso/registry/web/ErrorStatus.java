package io.verso.registry.web;

import io.verso.registry.error.RegistryException;
import org.springframework.http.HttpStatus;

/** The one place a domain error's kind becomes an HTTP status: for the API's problems and the console's pages. */
public final class ErrorStatus {

    private ErrorStatus() {
    }

    public static HttpStatus of(RegistryException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case INCONSISTENT -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }
}
