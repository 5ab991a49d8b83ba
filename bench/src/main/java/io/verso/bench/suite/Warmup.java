package io.verso.bench.suite;

/**
 * How a server was warmed before its first measured cell.
 *
 * @param seconds load it got in all
 * @param lastRequestsPerSecond throughput of the last two slices on its first cell's request
 * @param stable whether those two slices were within the stability tolerance (else the warm-up hit its cap)
 */
public record Warmup(String server, double seconds, double[] lastRequestsPerSecond, boolean stable) {
}
