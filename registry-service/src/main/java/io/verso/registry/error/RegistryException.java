package io.verso.registry.error;

/**
 * A request the registry refuses: what kind of refusal it is and the request field at fault, so that the answer
 * can say which field to fix. Thrown by services; it carries no HTTP status: the web layer maps the {@link Kind}
 * to one (and the console to its pages).
 */
public class RegistryException extends RuntimeException {

    /** Why a request is refused, in the registry's terms. */
    public enum Kind {
        /** The request itself is wrong: a value out of range, malformed, missing. */
        INVALID,
        /** It names what does not exist. */
        NOT_FOUND,
        /** It does not fit the current state (already exists, archived, changed concurrently). */
        CONFLICT,
        /** It is larger than the registry accepts. */
        TOO_LARGE,
        /** It contradicts the earlier request it claims to repeat (an idempotency key reused for another). */
        INCONSISTENT
    }

    private final Kind kind;
    private final String field;

    public RegistryException(Kind kind, String field, String detail) {
        super(detail);
        this.kind = kind;
        this.field = field;
    }

    public static RegistryException notFound(String field, String detail) {
        return new RegistryException(Kind.NOT_FOUND, field, detail);
    }

    public static RegistryException invalid(String field, String detail) {
        return new RegistryException(Kind.INVALID, field, detail);
    }

    public static RegistryException conflict(String field, String detail) {
        return new RegistryException(Kind.CONFLICT, field, detail);
    }

    public static RegistryException tooLarge(String field, String detail) {
        return new RegistryException(Kind.TOO_LARGE, field, detail);
    }

    public static RegistryException inconsistent(String field, String detail) {
        return new RegistryException(Kind.INCONSISTENT, field, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field (body property, path variable, header or part) at fault; {@code null} if none. */
    public String field() {
        return field;
    }
}
