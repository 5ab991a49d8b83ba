package io.verso.bench.suite;

import io.verso.bench.loadgen.LoadRun;
import java.util.List;
import java.util.Map;

/**
 * A measured cell.
 *
 * @param median the repetition with the median throughput
 * @param repetitions requests/s of every repetition, in run order
 * @param cpuMicrosPerRequest CPU microseconds per answered request, per server process (the pod, the gateway, nginx
 *     with its workers), in the median repetition
 * @param machineBusyCores busy cores of the whole machine (servers and load generator) in the median repetition
 * @param meanBatch mean rows per TensorFlow call from the pod's batch-size meter; the request's rows unbatched
 */
public record CellResult(Cell cell, LoadRun median, List<Double> repetitions, Map<String, Double> cpuMicrosPerRequest,
                         double machineBusyCores, double meanBatch) {

    public double requestsPerSecond() {
        return median.requestsPerSecond();
    }

    public double rowsPerSecond() {
        return median.requestsPerSecond() * cell.rows();
    }
}
