package io.verso.registry.rollout;

/**
 * The two-proportion z-test, one-sided: is the canary's error rate higher than the stable version's by more than
 * chance explains? It uses the pooled proportion, as the null hypothesis is that both rates are equal.
 */
final class TwoProportions {

    /**
     * @param z      the z statistic, positive when the canary's rate is the higher one
     * @param pValue P(Z ≥ z) under equal rates: small means the canary is worse beyond chance
     */
    record Result(double canaryRate, double stableRate, double z, double pValue) {
    }

    private TwoProportions() {
    }

    /**
     * @param canaryErrors  failed calls of the canary, out of {@code canaryCalls} (positive)
     * @param stableErrors  failed calls of the stable version, out of {@code stableCalls} (positive)
     */
    static Result canaryWorse(long canaryErrors, long canaryCalls, long stableErrors, long stableCalls) {
        if (canaryCalls <= 0 || stableCalls <= 0) {
            throw new IllegalArgumentException("both versions need calls, but had " + canaryCalls + " and "
                    + stableCalls);
        }
        double canaryRate = (double) canaryErrors / canaryCalls;
        double stableRate = (double) stableErrors / stableCalls;
        double pooled = (double) (canaryErrors + stableErrors) / (canaryCalls + stableCalls);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / canaryCalls + 1.0 / stableCalls));
        if (standardError == 0) {
            // No errors at all, or nothing but errors on both sides: the rates are equal, there is no evidence.
            return new Result(canaryRate, stableRate, 0, 0.5);
        }
        double z = (canaryRate - stableRate) / standardError;
        return new Result(canaryRate, stableRate, z, NormalDistribution.upperTail(z));
    }
}
