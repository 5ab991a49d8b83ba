package io.verso.gateway.backend;

/** Every pod that could take the request refused it before it was sent (down, breaker open, bulkhead full). */
public class NoPodAvailableException extends RuntimeException {

    public NoPodAvailableException(String message, Throwable lastRefusal) {
        super(message, lastRefusal);
    }
}
