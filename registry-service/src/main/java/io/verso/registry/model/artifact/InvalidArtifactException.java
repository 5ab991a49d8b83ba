package io.verso.registry.model.artifact;

import io.verso.registry.web.RegistryException;
import org.springframework.http.HttpStatus;

/** An archive the registry refuses to store; nothing of it is kept. */
public class InvalidArtifactException extends RegistryException {

    public InvalidArtifactException(String field, String detail) {
        super(HttpStatus.BAD_REQUEST, field, detail);
    }

    static InvalidArtifactException ofFile(String detail) {
        return new InvalidArtifactException("file", detail);
    }
}
