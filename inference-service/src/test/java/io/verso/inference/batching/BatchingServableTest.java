package io.verso.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.verso.inference.model.BatchingOptions;
import io.verso.inference.model.DataType;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SessionOptions;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.tracing.InferenceTracing;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.testsupport.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batching over a real TensorFlow model ({@code y = 2x}, CheckNumerics fails on NaN), compared with unbatched runs. */
class BatchingServableTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Servable model;
    private GatedServable gated;
    private BatchingServable batching;

    @BeforeEach
    void loadTheModel() {
        model = new TfServableLoader().load(TestModels.doubleOrFailOnNaN(dir.resolve("1")), SessionOptions.DEFAULTS);
        gated = new GatedServable(model);
    }

    @AfterEach
    void close() {
        if (batching != null) {
            batching.close();
        } else {
            model.close();
        }
    }

    private BatchingServable batch(int maxBatchSize, Duration timeout, List<Integer> allowed, int maxEnqueued) {
        batching = new BatchingServable(gated, new BatchingOptions(maxBatchSize, timeout, allowed, maxEnqueued, 1, null),
                registry, InferenceTracing.OFF, "m", 1);
        return batching;
    }

    private SignatureSpec signature() {
        return model.metadata().signature(null);
    }

    /** {@code rows} rows of two values each, counting up from {@code start}. */
    private static Map<String, TensorValue> rows(int start, int rows) {
        float[] data = new float[rows * 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = start + i;
        }
        return Map.of("x", TensorValue.of(DataType.FP32, new long[] {rows, 2}, data));
    }

    private static Map<String, TensorValue> nan() {
        return Map.of("x", TensorValue.of(DataType.FP32, new long[] {1, 2}, new float[] {Float.NaN, 1}));
    }

    private CompletableFuture<Map<String, TensorValue>> submit(Map<String, TensorValue> inputs) {
        return batching.runAsync(signature(), inputs, Set.of());
    }

    @Test
    void saysWhichSignaturesAreBatched() {
        ServableMetadata metadata = batch(8, Duration.ofMillis(5), List.of(), 4).metadata();
        assertThat(metadata.batchedSignatures()).containsExactly("serving_default");
    }

    @Test
    void batchedResultsEqualUnbatchedForMixedSizesPaddingAndSplits() {
        batch(8, Duration.ofMillis(20), List.of(2, 4, 8), 64);
        Random random = new Random(42);
        List<Map<String, TensorValue>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(rows(i * 100, 1 + random.nextInt(20)));
        }
        List<CompletableFuture<Map<String, TensorValue>>> answers = requests.stream().map(this::submit).toList();
        for (int i = 0; i < requests.size(); i++) {
            TensorValue expected = model.run(signature(), requests.get(i), Set.of()).get("y");
            assertThat(answers.get(i).join().get("y")).as("request %d", i).isEqualTo(expected);
        }
        assertThat(registry.get("verso.batch.size").summary().count()).isPositive();
        assertThat(registry.get("verso.batch.size").summary().max()).isLessThanOrEqualTo(8);
    }

    @Test
    void reassemblesSplitRequestsInOrder() {
        batch(4, Duration.ofMillis(1), List.of(), 64);
        Map<String, TensorValue> request = rows(0, 11);
        TensorValue y = submit(request).join().get("y");
        assertThat(y.shape()).containsExactly(11, 2);
        for (int i = 0; i < 22; i++) {
            assertThat(y.floats()[i]).isEqualTo(2f * i);
        }
    }

    @Test
    void refusesAtOnceWhenTheQueueIsFullAndRecovers() throws Exception {
        batch(1, Duration.ZERO, List.of(), 1);
        gated.hold();
        CompletableFuture<Map<String, TensorValue>> running = submit(rows(0, 1));
        gated.awaitEntered();
        CompletableFuture<Map<String, TensorValue>> queued = submit(rows(10, 1));
        CompletableFuture<Map<String, TensorValue>> refused = submit(rows(20, 1));

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(InferenceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED)).hasMessageContaining("is full");
        assertThat(registry.get("verso.batch.rejected").counter().count()).isEqualTo(1);

        gated.open();
        assertThat(running.get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(0f, 2f);
        assertThat(queued.get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(20f, 22f);
        assertThat(submit(rows(30, 1)).get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(60f, 62f);
    }

    @Test
    void aTensorFlowErrorFailsExactlyTheRequestsOfItsBatch() throws Exception {
        batch(2, Duration.ofSeconds(5), List.of(), 8);
        gated.hold();
        CompletableFuture<Map<String, TensorValue>> blocker = submit(rows(0, 2));
        gated.awaitEntered();
        CompletableFuture<Map<String, TensorValue>> good = submit(rows(1, 1));
        CompletableFuture<Map<String, TensorValue>> poisoned = submit(nan());
        CompletableFuture<Map<String, TensorValue>> nextBatch = submit(rows(5, 2));
        gated.open();

        assertThat(blocker.get(10, TimeUnit.SECONDS)).containsKey("y");
        for (CompletableFuture<Map<String, TensorValue>> failed : List.of(good, poisoned)) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOfSatisfying(InferenceException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("non-finite input");
        }
        assertThat(nextBatch.get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(10f, 12f, 14f, 16f);
    }

    @Test
    void aCancelledRequestLeavesTheOthersOfItsBatchCorrect() throws Exception {
        batch(3, Duration.ofSeconds(5), List.of(), 8);
        gated.hold();
        CompletableFuture<Map<String, TensorValue>> blocker = submit(rows(0, 3));
        gated.awaitEntered();
        CompletableFuture<Map<String, TensorValue>> first = submit(rows(1, 1));
        CompletableFuture<Map<String, TensorValue>> cancelled = submit(rows(100, 1));
        CompletableFuture<Map<String, TensorValue>> last = submit(rows(3, 1));
        cancelled.cancel(true);
        gated.open();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(first.get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(2f, 4f);
        assertThat(last.get(10, TimeUnit.SECONDS).get("y").floats()).containsExactly(6f, 8f);
        assertThat(cancelled).isCancelled();
        assertThat(gated.rowsSeen).as("the cancelled request was left out of its batch").containsExactly(3L, 2L);
    }

    @Test
    void validatesBeforeQueueingSoABadRequestFailsAlone() {
        batch(8, Duration.ofMillis(50), List.of(), 8);
        CompletableFuture<Map<String, TensorValue>> good = submit(rows(0, 1));
        Map<String, TensorValue> wrongShape = Map.of("x", TensorValue.of(DataType.FP32, new long[] {1, 3}, new float[3]));
        assertThatThrownBy(() -> submit(wrongShape).join()).isInstanceOf(CompletionException.class)
                .hasMessageContaining("dimension 1 must be 2");
        assertThat(good.join().get("y").floats()).containsExactly(0f, 2f);
    }

    /** Passes calls to a real servable, holding each one at a gate the test opens; records the rows of each call. */
    private static final class GatedServable implements Servable {
        private final Servable delegate;
        private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
        private final CountDownLatch entered = new CountDownLatch(1);
        final List<Long> rowsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

        GatedServable(Servable delegate) {
            this.delegate = delegate;
        }

        void hold() {
            gate.drainPermits();
        }

        void open() {
            gate.release(Integer.MAX_VALUE / 2);
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public ServableMetadata metadata() {
            return delegate.metadata();
        }

        @Override
        public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs, Set<String> keys) {
            rowsSeen.add(inputs.get("x").dim(0));
            entered.countDown();
            gate.acquireUninterruptibly();
            gate.release();
            return delegate.run(signature, inputs, keys);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
