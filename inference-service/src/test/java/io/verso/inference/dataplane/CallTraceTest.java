package io.verso.inference.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures canary analysis may hold against a version. */
class CallTraceTest {

    @Test
    void aRequestThatDoesNotFitTheSignatureIsTheCallersFault() {
        assertThat(CallTrace.isVersionFault(InferenceException.invalid("input 'x' has shape [3] not [-1,1]")))
                .isFalse();
        assertThat(CallTrace.isVersionFault(new CompletionException(
                new InferenceException(ErrorCode.RESOURCE_EXHAUSTED, "queue full")))).isFalse();
        assertThat(CallTrace.isVersionFault(new InferenceException(ErrorCode.NOT_FOUND, "no model"))).isFalse();
        assertThat(CallTrace.isVersionFault(new CancellationException())).isFalse();
    }

    @Test
    void whatTheGraphRaisesAndThePodsOwnFailuresAreTheVersions() {
        assertThat(CallTrace.isVersionFault(InferenceException.raisedByModel(ErrorCode.INVALID_ARGUMENT,
                "x must not be negative", null))).isTrue();
        assertThat(CallTrace.isVersionFault(new InferenceException(ErrorCode.DEADLINE_EXCEEDED, "slow"))).isTrue();
        assertThat(CallTrace.isVersionFault(new IllegalStateException("bug"))).isTrue();
    }
}
