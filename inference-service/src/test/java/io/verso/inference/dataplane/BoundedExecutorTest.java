package io.verso.inference.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedExecutorTest {

    @Test
    void answersResourceExhaustedOnceTheQueueIsFullAndRecovers() throws Exception {
        try (BoundedExecutor executor = new BoundedExecutor(1, 1)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<String> busy = executor.submit(() -> {
                running.countDown();
                await(release);
                return "first";
            });
            running.await(5, TimeUnit.SECONDS);
            CompletableFuture<String> queued = executor.submit(() -> "second");
            CompletableFuture<String> rejected = executor.submit(() -> "third");

            assertThat(rejected).isCompletedExceptionally();
            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    rejected::get);
            assertThat(failure.getCause()).isInstanceOfSatisfying(InferenceException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED));
            assertThat(failure.getCause()).hasMessageContaining("1 requests already queued");

            release.countDown();
            assertThat(busy.get(5, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("second");
            assertThat(executor.submit(() -> "after").get(5, TimeUnit.SECONDS)).isEqualTo("after");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
