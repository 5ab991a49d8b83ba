package io.verso.registry.model.artifact;

import io.verso.registry.error.RegistryException;

/** An archive the registry refuses to store; nothing of it is kept. */
public class InvalidArtifactException extends RegistryException {

    public InvalidArtifactException(String field, String detail) {
        super(Kind.INVALID, field, detail);
    }

    static InvalidArtifactException ofFile(String detail) {
        return new InvalidArtifactException("file", detail);
    }
}
