package io.verso.gateway.protection;

/** A key could not be checked now; the client may retry (503), unlike a key found invalid (401). */
public final class KeyCheckUnavailable extends RuntimeException {

    public KeyCheckUnavailable(String message) {
        super(message);
    }
}
