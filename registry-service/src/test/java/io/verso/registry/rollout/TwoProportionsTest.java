package io.verso.registry.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TwoProportionsTest {

    /**
     * Canary 30 errors in 1000, stable 10 in 1000: rates 0.03 and 0.01, pooled p = 40/2000 = 0.02,
     * SE = √(0.02 · 0.98 · (1/1000 + 1/1000)) = √0.0000392 = 0.00626099, z = 0.02 / 0.00626099 = 3.194383,
     * one-sided p = P(Z > 3.194383) = 0.00070065.
     */
    @Test
    void aClearlyHigherCanaryRateIsSignificant() {
        TwoProportions.Result result = TwoProportions.canaryWorse(30, 1000, 10, 1000);
        assertThat(result.canaryRate()).isEqualTo(0.03);
        assertThat(result.stableRate()).isEqualTo(0.01);
        assertThat(result.z()).isCloseTo(3.194383, within(1e-6));
        assertThat(result.pValue()).isCloseTo(0.00070065, within(1e-7));
    }

    /**
     * Canary 12 in 1000, stable 10 in 1000: pooled p = 0.011, SE = √(0.011 · 0.989 · 0.002) = 0.00466455,
     * z = 0.002 / 0.00466455 = 0.428766, p = 0.334047: chance explains it.
     */
    @Test
    void aSmallDifferenceIsNotSignificant() {
        TwoProportions.Result result = TwoProportions.canaryWorse(12, 1000, 10, 1000);
        assertThat(result.z()).isCloseTo(0.428766, within(1e-6));
        assertThat(result.pValue()).isCloseTo(0.334047, within(1e-6));
    }

    /** A better canary has a negative z, so the one-sided p-value is above one half. */
    @Test
    void aBetterCanaryHasAPValueAboveOneHalf() {
        TwoProportions.Result result = TwoProportions.canaryWorse(10, 1000, 30, 1000);
        assertThat(result.z()).isCloseTo(-3.194383, within(1e-6));
        assertThat(result.pValue()).isCloseTo(1 - 0.00070065, within(1e-7));
    }

    @Test
    void noErrorsAnywhereIsNoEvidence() {
        TwoProportions.Result result = TwoProportions.canaryWorse(0, 500, 0, 800);
        assertThat(result.z()).isZero();
        assertThat(result.pValue()).isEqualTo(0.5);
    }

    @Test
    void bothVersionsNeedCalls() {
        assertThatThrownBy(() -> TwoProportions.canaryWorse(0, 0, 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Known values: P(Z > 0) = 0.5, P(Z > 1.644854) = 0.05, P(Z > -1) = 0.841345, P(Z > 6.197941) = 2.86e-10. */
    @Test
    void normalUpperTailMatchesTables() {
        assertThat(NormalDistribution.upperTail(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalDistribution.upperTail(1.6448536)).isCloseTo(0.05, within(1e-8));
        assertThat(NormalDistribution.upperTail(-1)).isCloseTo(0.8413447, within(1e-7));
        assertThat(NormalDistribution.upperTail(6.197941)).isCloseTo(2.8603e-10, within(1e-13));
    }
}
