package io.verso.bench.inprocess;

import io.verso.bench.stats.LatencyStats;

/**
 * One measured phase of direct session calls.
 *
 * @param model the model run
 * @param batchSize rows per call
 * @param threads concurrent callers
 * @param callsPerSecond completed calls per second
 * @param latency per-call latency
 * @param cores CPU the benchmark's process used over the measured phase, in cores
 */
public record InProcessResult(String model, int batchSize, int threads, double callsPerSecond, LatencyStats latency,
                              double cores) {

    public double rowsPerSecond() {
        return callsPerSecond * batchSize;
    }

    /** Rows per CPU-second: what the work costs, whatever share of the machine other processes left. */
    public double rowsPerCpuSecond() {
        return rowsPerSecond() / cores;
    }
}
