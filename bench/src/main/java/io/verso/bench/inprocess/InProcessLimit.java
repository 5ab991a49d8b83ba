package io.verso.bench.inprocess;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-process throughput a server cell is compared with: for a model and a batch size, the best rows/s over
 * the caller-thread counts measured. A batching server runs batches of fractional mean size; between two measured
 * sizes the limit is interpolated linearly in log2 of the batch size (throughput grows roughly that way, and the
 * measured sizes are powers of two apart); outside them it is the nearest measured value.
 */
public final class InProcessLimit {

    private final Map<String, TreeMap<Integer, Double>> bestByModel = new java.util.HashMap<>();
    private final Map<String, TreeMap<Integer, Double>> bestPerCpuByModel = new java.util.HashMap<>();

    /** @param medians one result per (model, batch size, threads), each already the median of its repetitions */
    public InProcessLimit(List<InProcessResult> medians) {
        for (InProcessResult result : medians) {
            bestByModel.computeIfAbsent(result.model(), m -> new TreeMap<>())
                    .merge(result.batchSize(), result.rowsPerSecond(), Math::max);
            if (Double.isFinite(result.rowsPerCpuSecond())) {
                bestPerCpuByModel.computeIfAbsent(result.model(), m -> new TreeMap<>())
                        .merge(result.batchSize(), result.rowsPerCpuSecond(), Math::max);
            }
        }
    }

    /** Rows/s at {@code batchSize}; NaN for a model never measured. */
    public double rowsPerSecond(String model, double batchSize) {
        return interpolate(bestByModel.get(model), batchSize);
    }

    /** Rows per CPU-second at {@code batchSize}, the best over thread counts; NaN for a model never measured. */
    public double rowsPerCpuSecond(String model, double batchSize) {
        return interpolate(bestPerCpuByModel.get(model), batchSize);
    }

    private static double interpolate(TreeMap<Integer, Double> best, double batchSize) {
        if (best == null || best.isEmpty() || !(batchSize > 0)) {
            return Double.NaN;
        }
        Map.Entry<Integer, Double> below = best.floorEntry((int) Math.floor(batchSize));
        Map.Entry<Integer, Double> above = best.ceilingEntry((int) Math.ceil(batchSize));
        if (below == null) {
            return above.getValue();
        }
        if (above == null || below.getKey().equals(above.getKey())) {
            return below.getValue();
        }
        double position = (log2(batchSize) - log2(below.getKey())) / (log2(above.getKey()) - log2(below.getKey()));
        return below.getValue() + position * (above.getValue() - below.getValue());
    }

    /** The server's rows/s as a fraction of this limit at the same batch size. */
    public double ratio(String model, double batchSize, double serverRowsPerSecond) {
        return serverRowsPerSecond / rowsPerSecond(model, batchSize);
    }

    /** The server's rows per CPU-second as a fraction of the in-process rows per CPU-second at the same size. */
    public double ratioPerCpu(String model, double batchSize, double serverRowsPerCpuSecond) {
        return serverRowsPerCpuSecond / rowsPerCpuSecond(model, batchSize);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
