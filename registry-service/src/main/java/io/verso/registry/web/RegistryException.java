package io.verso.registry.web;

import org.springframework.http.HttpStatus;

/**
 * A request the registry refuses, with the HTTP status it answers and the request field at fault, so that the
 * problem detail can say which field to fix. Thrown by services; {@link ProblemHandler} renders it.
 */
public class RegistryException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public RegistryException(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static RegistryException notFound(String field, String detail) {
        return new RegistryException(HttpStatus.NOT_FOUND, field, detail);
    }

    public static RegistryException badRequest(String field, String detail) {
        return new RegistryException(HttpStatus.BAD_REQUEST, field, detail);
    }

    public static RegistryException conflict(String field, String detail) {
        return new RegistryException(HttpStatus.CONFLICT, field, detail);
    }

    public static RegistryException tooLarge(String field, String detail) {
        return new RegistryException(HttpStatus.PAYLOAD_TOO_LARGE, field, detail);
    }

    public static RegistryException unprocessable(String field, String detail) {
        return new RegistryException(HttpStatus.UNPROCESSABLE_CONTENT, field, detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** The request field (body property, path variable, header or part) at fault; {@code null} if none. */
    public String field() {
        return field;
    }
}
