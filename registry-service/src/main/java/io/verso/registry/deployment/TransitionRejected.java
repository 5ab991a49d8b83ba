package io.verso.registry.deployment;

/**
 * A transition the rollout rules forbid from the current state. Plain Java, so the state machine stays free of
 * HTTP; {@link DeploymentService} maps the kind to a status.
 */
public class TransitionRejected extends RuntimeException {

    /** Why: the request itself is wrong, it does not fit the current state, or it names what does not exist. */
    public enum Kind { INVALID, CONFLICT, NOT_FOUND }

    private final Kind kind;
    private final String field;

    public TransitionRejected(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or {@code null}. */
    public String field() {
        return field;
    }
}
