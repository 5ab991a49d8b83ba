package io.verso.artifact;

/** An archive that breaks the format's rules; the message names the entry and the rule. */
public class UnsafeArchiveException extends RuntimeException {

    public UnsafeArchiveException(String message) {
        super(message);
    }
}
