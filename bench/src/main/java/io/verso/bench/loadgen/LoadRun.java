package io.verso.bench.loadgen;

/**
 * One measured phase of an external load generator, as it reported it.
 *
 * @param tool the generator and its settings, as printed in the report
 * @param requests answers counted (successful or not)
 * @param seconds length of the measured phase
 * @param p50Ms median latency, NaN when the tool does not report percentiles (h2load reports the mean only)
 * @param p99Ms 99th percentile latency, NaN when not reported
 * @param meanMs mean latency
 * @param errors answers that were not 2xx, plus socket errors and timeouts
 */
public record LoadRun(String tool, long requests, double seconds, double requestsPerSecond, double p50Ms,
                      double p99Ms, double meanMs, long errors) {
}
