package io.verso.inference.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.verso.inference.model.InferenceException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure into the gRPC status TensorFlow Serving and Triton answer: the data plane's error codes are
 * gRPC's canonical codes by name (NOT_FOUND, INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNAVAILABLE, ...) with the same
 * messages as REST; anything unexpected is INTERNAL, with its details in the log, not in the answer.
 */
public final class GrpcStatuses {

    private static final Logger log = LoggerFactory.getLogger(GrpcStatuses.class);

    private GrpcStatuses() {
    }

    public static StatusRuntimeException toStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof StatusRuntimeException status) {
            return status;
        }
        if (cause instanceof InferenceException e) {
            return Status.fromCode(Status.Code.valueOf(e.code().name())).withDescription(e.getMessage())
                    .asRuntimeException();
        }
        if (cause instanceof CancellationException) {
            return Status.CANCELLED.withDescription("call cancelled").asRuntimeException();
        }
        log.error("Unexpected failure while serving a gRPC call", cause);
        return Status.INTERNAL.withDescription("internal error: " + cause.getClass().getSimpleName())
                .asRuntimeException();
    }
}
