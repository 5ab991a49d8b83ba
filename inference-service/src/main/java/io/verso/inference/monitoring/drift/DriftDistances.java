package io.verso.inference.monitoring.drift;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distances between a serving distribution and its training baseline. Inputs are fractions (each 0–1, summing
 * to 1), serving first, baseline second, bin by bin.
 */
public final class DriftDistances {

    /**
     * PSI takes {@code ln(serving / baseline)}, which an empty bin on either side makes infinite; a fraction of 0 is
     * replaced by this value (not renormalised), so an empty bin costs a large but finite amount.
     */
    public static final double PSI_EMPTY_BIN_EPSILON = 1e-4;

    private DriftDistances() {
    }

    /** Population stability index: {@code sum((s - b) * ln(s / b))}, natural log, empty bins as {@link #PSI_EMPTY_BIN_EPSILON}. */
    public static double populationStabilityIndex(double[] serving, double[] baseline) {
        requireSameBins(serving, baseline);
        double psi = 0;
        for (int i = 0; i < serving.length; i++) {
            double s = Math.max(serving[i], PSI_EMPTY_BIN_EPSILON);
            double b = Math.max(baseline[i], PSI_EMPTY_BIN_EPSILON);
            psi += (s - b) * Math.log(s / b);
        }
        return psi;
    }

    /**
     * Jensen–Shannon distance: the square root of the JS divergence taken with log base 2, so it lies in [0, 1]
     * (0: same distribution, 1: disjoint). Empty bins need no epsilon: {@code 0 * log 0} counts as 0.
     */
    public static double jensenShannonDistance(double[] serving, double[] baseline) {
        requireSameBins(serving, baseline);
        double divergence = 0;
        for (int i = 0; i < serving.length; i++) {
            double mid = (serving[i] + baseline[i]) / 2;
            divergence += halfKullbackLeiblerTerm(serving[i], mid) + halfKullbackLeiblerTerm(baseline[i], mid);
        }
        // Rounding can leave a divergence a hair below 0 for identical inputs.
        return Math.sqrt(Math.max(0, divergence));
    }

    /**
     * TFDV's categorical L-infinity distance: the largest absolute difference between the normalised frequency of
     * a category in serving and in the baseline, over the union of their categories (a category absent on one
     * side has frequency 0 there). Both maps are normalised by their own sums.
     */
    public static double lInfinity(Map<String, ? extends Number> serving, Map<String, ? extends Number> baseline) {
        double servingTotal = total(serving);
        double baselineTotal = total(baseline);
        Set<String> categories = new HashSet<>(serving.keySet());
        categories.addAll(baseline.keySet());
        double max = 0;
        for (String category : categories) {
            double s = servingTotal == 0 ? 0 : value(serving.get(category)) / servingTotal;
            double b = baselineTotal == 0 ? 0 : value(baseline.get(category)) / baselineTotal;
            max = Math.max(max, Math.abs(s - b));
        }
        return max;
    }

    static double[] toArray(List<Double> fractions) {
        return fractions.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double halfKullbackLeiblerTerm(double p, double mid) {
        return p == 0 ? 0 : 0.5 * p * Math.log(p / mid) / Math.log(2);
    }

    private static double total(Map<String, ? extends Number> counts) {
        return counts.values().stream().mapToDouble(DriftDistances::value).sum();
    }

    private static double value(Number number) {
        return number == null ? 0 : number.doubleValue();
    }

    private static void requireSameBins(double[] serving, double[] baseline) {
        if (serving.length != baseline.length) {
            throw new IllegalArgumentException("serving has " + serving.length + " bins, the baseline "
                    + baseline.length);
        }
    }
}
