package io.verso.bench.report;

import io.verso.bench.load.Protocol;
import io.verso.bench.suite.CellResult;
import io.verso.bench.suite.Target;
import java.util.List;
import java.util.Optional;

/** The goals of the headline ratios, and finding the cells they are formed from. */
public final class Ratios {

    /** Pod (batching on) ÷ nginx, half_plus_two single rows at 64 connections. */
    public static final double SERVING_COST_GOAL = 0.30;
    /** Server ÷ in-process rows/s at the same batch size. */
    public static final double SERVER_GOAL = 0.9;
    /** Batching on ÷ off, MLP single rows at 64 connections. */
    public static final double BATCHING_GOAL = 5.0;
    /** Gateway ÷ direct throughput at 64 connections. */
    public static final double GATEWAY_GOAL = 0.8;
    /** Most p50 latency the gateway may add at one connection, in milliseconds. */
    public static final double GATEWAY_ADDED_P50_MS = 1.0;

    private final List<CellResult> cells;

    public Ratios(List<CellResult> cells) {
        this.cells = cells;
    }

    public Optional<CellResult> find(Target target, String model, Protocol protocol, int rows, int connections) {
        return cells.stream().filter(c -> c.cell().target() == target && c.cell().model().equals(model)
                && c.cell().protocol() == protocol && c.cell().rows() == rows
                && c.cell().connections() == connections).findFirst();
    }

    /** {@code a ÷ b} in requests/s, NaN when either is missing. */
    public static double throughput(Optional<CellResult> a, Optional<CellResult> b) {
        return a.isPresent() && b.isPresent() ? a.get().requestsPerSecond() / b.get().requestsPerSecond()
                : Double.NaN;
    }

    public static String atLeast(double value, double goal) {
        if (!Double.isFinite(value)) {
            return "not measured";
        }
        return value >= goal ? "met" : "**missed**";
    }

    public static String atMost(double value, double goal) {
        if (!Double.isFinite(value)) {
            return "not measured";
        }
        return value <= goal ? "met" : "**missed**";
    }
}
