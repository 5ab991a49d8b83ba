package io.verso.registry.rollout;

/** The standard normal distribution's upper tail, which the z-test needs and the JDK does not offer. */
final class NormalDistribution {

    private NormalDistribution() {
    }

    /** P(Z > z) for a standard normal Z. */
    static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * The complementary error function by the Chebyshev fit of Numerical Recipes ({@code erfcc}): fractional error
     * below 1.2e-7 everywhere, which is far finer than any significance level, and it stays accurate in the far
     * tail where {@code 1 - erf(x)} would cancel to zero.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
