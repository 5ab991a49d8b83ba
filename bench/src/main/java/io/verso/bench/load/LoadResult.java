package io.verso.bench.load;

import io.verso.bench.stats.LatencyStats;

/**
 * What one measured phase of closed-loop load achieved.
 *
 * @param requests answers that were 200 and plausible, completed inside the measured phase
 * @param errors other answers and failed exchanges inside the measured phase
 * @param seconds length of the measured phase
 * @param rowsPerRequest rows each request carries
 * @param latency latency of the counted requests, from send to the last byte of the answer
 * @param firstError the first error seen (status and start of the body, or the exception), null when none
 */
public record LoadResult(long requests, long errors, double seconds, int rowsPerRequest, LatencyStats latency,
                         String firstError) {

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double rowsPerSecond() {
        return requests * (double) rowsPerRequest / seconds;
    }
}
