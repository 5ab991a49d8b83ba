package io.verso.inference.model;

/**
 * A failure with a canonical code and a message meant for the client that made the request. {@link #raisedByModel()}
 * tells the two kinds of 400 apart: TensorFlow Serving answers INVALID_ARGUMENT both for a request that does not
 * fit the signature (the caller's fault) and for an op that fails at run time (the version's fault, e.g. a
 * CheckNumerics); canary analysis must count only the second.
 */
public class InferenceException extends RuntimeException {

    private final ErrorCode code;
    private final boolean raisedByModel;

    public InferenceException(ErrorCode code, String message) {
        super(message);
        this.code = code;
        this.raisedByModel = false;
    }

    public InferenceException(ErrorCode code, String message, Throwable cause) {
        this(code, message, cause, false);
    }

    private InferenceException(ErrorCode code, String message, Throwable cause, boolean raisedByModel) {
        super(message, cause);
        this.code = code;
        this.raisedByModel = raisedByModel;
    }

    /** A failure the model's graph raised while running on inputs that had passed the signature checks. */
    public static InferenceException raisedByModel(ErrorCode code, String message, Throwable cause) {
        return new InferenceException(code, message, cause, true);
    }

    public boolean raisedByModel() {
        return raisedByModel;
    }

    public ErrorCode code() {
        return code;
    }

    public static InferenceException invalid(String message) {
        return new InferenceException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
