package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftDistancesTest {

    private static final double[] BASELINE = {0.25, 0.5, 0.25};
    private static final double[] SERVING = {0.5, 0.25, 0.25};

    /**
     * PSI = sum (s - b) ln(s / b), bin by bin:
     * <pre>
     *   bin 0: (0.50 - 0.25) ln(0.50 / 0.25) = 0.25 ln 2
     *   bin 1: (0.25 - 0.50) ln(0.25 / 0.50) = 0.25 ln 2
     *   bin 2: (0.25 - 0.25) ln 1            = 0
     *   PSI = 0.5 ln 2 = 0.34657359...
     * </pre>
     */
    @Test
    void populationStabilityIndexOfAHandComputedExample() {
        assertThat(DriftDistances.populationStabilityIndex(SERVING, BASELINE)).isCloseTo(0.34657359, within(1e-8));
    }

    /**
     * An empty baseline bin counts as 1e-4. Baseline 0.5, 0.5, 0; serving 0.5, 0.25, 0.25:
     * <pre>
     *   bin 0: 0
     *   bin 1: (0.25 - 0.5) ln(0.25 / 0.5)       = 0.25 ln 2          = 0.17328680
     *   bin 2: (0.25 - 0.0001) ln(0.25 / 0.0001) = 0.2499 ln 2500     = 1.95522910
     *   PSI = 2.12851589
     * </pre>
     */
    @Test
    void anEmptyBinCountsAsEpsilon() {
        assertThat(DriftDistances.populationStabilityIndex(new double[] {0.5, 0.25, 0.25}, new double[] {0.5, 0.5, 0}))
                .isCloseTo(2.12851589, within(1e-8));
    }

    /**
     * M = (S + B) / 2 = 0.375, 0.375, 0.25.
     * <pre>
     *   KL(S||M) = 0.5 log2(0.5/0.375) + 0.25 log2(0.25/0.375) + 0.25 log2 1
     *            = 0.5 (2 - log2 3) + 0.25 (1 - log2 3) = 1.25 - 0.75 log2 3 = 0.06127812
     *   KL(B||M) = 0.25 log2(0.25/0.375) + 0.5 log2(0.5/0.375) + 0 = the same 0.06127812
     *   JS divergence = (KL(S||M) + KL(B||M)) / 2 = 0.06127812
     *   JS distance = sqrt(0.06127812) = 0.24754418
     * </pre>
     */
    @Test
    void jensenShannonDistanceOfAHandComputedExample() {
        double divergence = 1.25 - 0.75 * Math.log(3) / Math.log(2);
        assertThat(divergence).isCloseTo(0.06127812, within(1e-8));
        assertThat(DriftDistances.jensenShannonDistance(SERVING, BASELINE)).isCloseTo(0.24754418, within(1e-8));
    }

    @Test
    void identicalDistributionsAreAtDistanceZeroAndDisjointOnesAtOne() {
        assertThat(DriftDistances.populationStabilityIndex(BASELINE, BASELINE)).isZero();
        assertThat(DriftDistances.jensenShannonDistance(BASELINE, BASELINE)).isCloseTo(0, within(1e-12));
        assertThat(DriftDistances.jensenShannonDistance(new double[] {1, 0}, new double[] {0, 1}))
                .isCloseTo(1, within(1e-12));
    }

    /**
     * Baseline a 0.5, b 0.3, c 0.2; serving counts a 4, b 4, d 2 (of 10) → a 0.4, b 0.4, d 0.2.
     * <pre>
     *   |a| = 0.1, |b| = 0.1, |c| = |0 - 0.2| = 0.2, |d| = |0.2 - 0| = 0.2 → L-infinity 0.2
     * </pre>
     */
    @Test
    void lInfinityIsTheLargestFrequencyDifferenceOverBothSidesCategories() {
        assertThat(DriftDistances.lInfinity(Map.of("a", 4L, "b", 4L, "d", 2L), Map.of("a", 0.5, "b", 0.3, "c", 0.2)))
                .isCloseTo(0.2, within(1e-12));
    }

    @Test
    void lInfinityNormalisesBothSides() {
        assertThat(DriftDistances.lInfinity(Map.of("a", 30L, "b", 10L), Map.of("a", 3.0, "b", 1.0)))
                .isCloseTo(0, within(1e-12));
    }
}
