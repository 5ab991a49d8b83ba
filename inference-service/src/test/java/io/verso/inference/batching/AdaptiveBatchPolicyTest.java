package io.verso.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.inference.model.BatchingOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveBatchPolicyTest {

    private static final BatchingOptions ADAPTIVE = new BatchingOptions(64, Duration.ofMillis(8), List.of(), 16, 1,
            Duration.ofMillis(10));

    private static void window(AdaptiveBatchPolicy policy, Duration latency) {
        for (int i = 0; i < AdaptiveBatchPolicy.WINDOW; i++) {
            policy.record(latency.toNanos());
        }
    }

    @Test
    void fixedModeKeepsTheConfiguredValues() {
        BatchingOptions fixed = new BatchingOptions(64, Duration.ofMillis(8), List.of(), 16, 1, null);
        AdaptiveBatchPolicy policy = new AdaptiveBatchPolicy(fixed);
        window(policy, Duration.ofSeconds(1));
        assertThat(policy.maxBatchSize()).isEqualTo(64);
        assertThat(policy.timeout()).isEqualTo(Duration.ofMillis(8));
    }

    @Test
    void growsAdditivelyUnderTheTargetUpToTheConfiguredMaximum() {
        AdaptiveBatchPolicy policy = new AdaptiveBatchPolicy(ADAPTIVE);
        assertThat(policy.maxBatchSize()).isEqualTo(16);
        window(policy, Duration.ofMillis(2));
        assertThat(policy.maxBatchSize()).isEqualTo(20);
        assertThat(policy.timeout()).isEqualTo(Duration.ofMillis(2).plus(Duration.ofMillis(8).dividedBy(16)));
        for (int i = 0; i < 50; i++) {
            window(policy, Duration.ofMillis(2));
        }
        assertThat(policy.maxBatchSize()).isEqualTo(64);
        assertThat(policy.timeout()).isEqualTo(Duration.ofMillis(8));
    }

    @Test
    void shrinksMultiplicativelyWhenTheP99MissesTheTarget() {
        AdaptiveBatchPolicy policy = new AdaptiveBatchPolicy(ADAPTIVE);
        for (int i = 0; i < AdaptiveBatchPolicy.WINDOW - 1; i++) {
            policy.record(Duration.ofMillis(1).toNanos());
        }
        policy.record(Duration.ofMillis(50).toNanos());
        assertThat(policy.maxBatchSize()).as("in a window of 32 batches the slowest is the p99").isEqualTo(12);
        for (int i = 0; i < 20; i++) {
            window(policy, Duration.ofMillis(50));
        }
        assertThat(policy.maxBatchSize()).isEqualTo(1);
    }

    @Test
    void holdsBetweenEightyPercentAndTheTarget() {
        AdaptiveBatchPolicy policy = new AdaptiveBatchPolicy(ADAPTIVE);
        window(policy, Duration.ofMillis(9));
        assertThat(policy.maxBatchSize()).isEqualTo(16);
    }
}
