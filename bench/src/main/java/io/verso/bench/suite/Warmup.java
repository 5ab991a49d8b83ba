package io.verso.bench.suite;

/**
 * How a server was warmed before its first measured cell.
 *
 * @param seconds load it got in all
 * @param lastRequestsPerSecond throughput of the last two slices on its first cell's request
 * @param jitCores cores the server's JIT compilers used during the last slice
 * @param stable whether those two slices were within the stability tolerance with the JIT quiet (else the warm-up
 *     hit its cap)
 */
public record Warmup(String server, double seconds, double[] lastRequestsPerSecond, double jitCores,
                     boolean stable) {
}
