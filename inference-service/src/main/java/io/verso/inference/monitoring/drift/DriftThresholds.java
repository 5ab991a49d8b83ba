package io.verso.inference.monitoring.drift;

/**
 * When a feature's drift counts as a breach: a distance above its threshold, judged only once the window holds at
 * least {@code minSamples} values (a handful of requests says nothing about a distribution).
 *
 * @param psi        population stability index; 0.2 is the usual "significant shift" line
 * @param jsDistance Jensen–Shannon distance (base 2, 0–1)
 * @param lInfinity  categorical L-infinity distance (0–1), as TFDV's default drift comparator
 * @param minSamples values the window must hold before any breach is declared
 */
public record DriftThresholds(double psi, double jsDistance, double lInfinity, long minSamples) {
}
