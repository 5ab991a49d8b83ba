package io.verso.bench.suite;

import io.verso.bench.load.LoadResult;
import java.util.List;

/**
 * A measured cell.
 *
 * @param result the median repetition by rows/s
 * @param repetitionRowsPerSecond rows/s of every repetition, to show the spread
 * @param effectiveBatch mean rows per TensorFlow call: from the server's batch-size meter when batching, else the
 *     request's rows
 * @param serverCores the server's CPU use in cores over the measured phase
 * @param clientCores the load generator's CPU use in cores (same machine, so it competes with the server)
 * @param vsInProcess rows/s ÷ in-process rows/s at {@code effectiveBatch}
 * @param vsInProcessPerCpu rows per server CPU-second ÷ in-process rows per CPU-second at {@code effectiveBatch}:
 *     the server's efficiency, independent of how much CPU other processes on a shared machine left it
 */
public record ServerCell(CellSpec spec, LoadResult result, List<Double> repetitionRowsPerSecond,
                         double effectiveBatch, double serverCores, double clientCores, double vsInProcess,
                         double vsInProcessPerCpu) {
}
