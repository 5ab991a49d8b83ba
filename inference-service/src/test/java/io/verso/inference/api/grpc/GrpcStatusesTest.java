package io.verso.inference.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The data plane's codes reach gRPC clients as the canonical codes of the same name, with the REST message; the
 * sockets-level ITs cover the codes a test can provoke on demand, this covers the rest (overload, not ready).
 */
class GrpcStatusesTest {

    @Test
    void everyErrorCodeIsTheGrpcCodeOfItsName() {
        for (ErrorCode code : ErrorCode.values()) {
            Status status = GrpcStatuses.toStatus(new CompletionException(new InferenceException(code, "why")))
                    .getStatus();
            assertThat(status.getCode().name()).isEqualTo(code.name());
            assertThat(status.getDescription()).isEqualTo("why");
        }
        assertThat(GrpcStatuses.toStatus(new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "queue full"))
                .getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(GrpcStatuses.toStatus(new InferenceException(ErrorCode.UNAVAILABLE, "stopping"))
                .getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void anUnexpectedFailureIsInternalWithoutItsDetails() {
        Status status = GrpcStatuses.toStatus(new IllegalStateException("secret detail")).getStatus();
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("internal error: IllegalStateException");
    }
}
