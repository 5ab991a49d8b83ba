package io.verso.demo.iris;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IrisTrainingTest {

    @Test
    void prints() {
        for (long v : new long[] {1, 2}) {
            long t = System.nanoTime();
            IrisModel.Training training = IrisModel.train(v);
            System.out.println("v" + v + " " + training.metadata().metrics() + " in " + (System.nanoTime() - t) / 1_000_000 + " ms");
        }
        assertThat(true).isTrue();
    }
}
