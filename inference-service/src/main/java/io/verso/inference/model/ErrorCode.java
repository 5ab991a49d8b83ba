package io.verso.inference.model;

/**
 * Canonical error codes (the gRPC/TensorFlow status set that TensorFlow Serving and KServe both use), each with
 * the HTTP status TensorFlow Serving's REST front end answers for it.
 */
public enum ErrorCode {
    INVALID_ARGUMENT(400),
    FAILED_PRECONDITION(400),
    NOT_FOUND(404),
    RESOURCE_EXHAUSTED(429),
    UNIMPLEMENTED(501),
    UNAVAILABLE(503),
    DEADLINE_EXCEEDED(504),
    INTERNAL(500),
    /** The client went away before the answer was ready (gRPC's CANCELLED; 499 as nginx logs it). */
    CANCELLED(499);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
