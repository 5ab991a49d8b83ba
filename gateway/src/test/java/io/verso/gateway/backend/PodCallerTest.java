package io.verso.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

/** Which failures may be retried on another pod: only those where the request never left the gateway. */
class PodCallerTest {

    @Test
    void refusedConnectionsOpenBreakersAndFullBulkheadsAreNeverSent() {
        assertThat(PodCaller.neverSent(new ConnectException("Connection refused"))).isTrue();
        assertThat(PodCaller.neverSent(new IllegalStateException(new ConnectException("wrapped")))).isTrue();
        assertThat(PodCaller.neverSent(CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("p")))).isTrue();
        assertThat(PodCaller.neverSent(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("p"))))
                .isTrue();
    }

    @Test
    void failuresAfterTheRequestMayHaveRunAreNotRetried() {
        assertThat(PodCaller.neverSent(PrematureCloseException.TEST_EXCEPTION)).isFalse();
        assertThat(PodCaller.neverSent(new TimeoutException())).isFalse();
        assertThat(PodCaller.neverSent(new IOException("Connection reset by peer"))).isFalse();
    }
}
