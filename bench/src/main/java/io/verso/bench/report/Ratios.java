package io.verso.bench.report;

import io.verso.bench.load.Protocol;
import io.verso.bench.server.BatchingMode;
import io.verso.bench.suite.ServerCell;
import java.util.List;
import java.util.Optional;

/** Finds cells and forms the headline ratios from them. */
public final class Ratios {

    /** Server ÷ in-process throughput must reach this. */
    public static final double SERVER_GOAL = 0.9;
    /** Batching on ÷ off for single-row requests at 64 clients must reach this. */
    public static final double BATCHING_GOAL = 5.0;

    private Ratios() {
    }

    public static Optional<ServerCell> find(List<ServerCell> cells, String model, BatchingMode mode, Protocol protocol,
                                            int rows, int clients) {
        return cells.stream().filter(c -> c.spec().model().equals(model) && c.spec().mode() == mode
                && c.spec().protocol() == protocol && c.spec().rows() == rows && c.spec().clients() == clients)
                .findFirst();
    }

    /** {@code on ÷ off} in rows/s, NaN when either is missing. */
    public static double batchingGain(Optional<ServerCell> on, Optional<ServerCell> off) {
        if (on.isEmpty() || off.isEmpty()) {
            return Double.NaN;
        }
        return on.get().result().rowsPerSecond() / off.get().result().rowsPerSecond();
    }

    public static String verdict(double value, double goal) {
        if (!Double.isFinite(value)) {
            return "not measured";
        }
        return value >= goal ? "met" : "**missed**";
    }
}
