package io.verso.bench.suite;

import io.verso.bench.load.Protocol;
import io.verso.bench.model.MlpModel;
import io.verso.bench.server.BatchingMode;
import io.verso.demo.HalfPlusTwoModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of each server configuration. The MLP runs every protocol × request size × client count; the
 * overhead model only single rows at 1 and 64 clients without batching. Headline cells: V2 binary with 32-row
 * requests at 8 clients without batching (server ÷ in-process), and V2 binary single rows at 64 clients in every
 * mode (batching on ÷ off).
 */
public final class Matrix {

    public static final List<Integer> CLIENTS = List.of(1, 8, 64, 256);
    public static final List<Integer> ROWS = List.of(1, 32);
    public static final int HEADLINE_ROWS = 32;
    public static final int HEADLINE_CLIENTS = 8;
    public static final int BATCHING_CLIENTS = 64;

    private Matrix() {
    }

    public static List<CellSpec> cells(BatchingMode mode) {
        List<CellSpec> cells = new ArrayList<>();
        for (Protocol protocol : Protocol.values()) {
            for (int rows : ROWS) {
                for (int clients : CLIENTS) {
                    cells.add(new CellSpec(MlpModel.NAME, mode, protocol, rows, clients,
                            isHeadline(mode, protocol, rows, clients)));
                }
            }
        }
        if (mode == BatchingMode.OFF) {
            for (Protocol protocol : Protocol.values()) {
                for (int clients : List.of(1, BATCHING_CLIENTS)) {
                    cells.add(new CellSpec(HalfPlusTwoModel.NAME, mode, protocol, 1, clients, false));
                }
            }
        }
        return cells;
    }

    /** The cells profiled with JFR in extra runs (not the measured ones), to see where each protocol spends time. */
    public static List<CellSpec> profiled(BatchingMode mode) {
        if (mode == BatchingMode.OFF) {
            return List.of(
                    new CellSpec(MlpModel.NAME, mode, Protocol.TFSERVING_JSON, HEADLINE_ROWS, BATCHING_CLIENTS, false),
                    new CellSpec(MlpModel.NAME, mode, Protocol.V2_JSON, HEADLINE_ROWS, BATCHING_CLIENTS, false),
                    new CellSpec(MlpModel.NAME, mode, Protocol.V2_BINARY, HEADLINE_ROWS, BATCHING_CLIENTS, false));
        }
        if (mode == BatchingMode.FIXED) {
            return List.of(new CellSpec(MlpModel.NAME, mode, Protocol.V2_BINARY, 1, BATCHING_CLIENTS, false));
        }
        return List.of();
    }

    static boolean isHeadline(BatchingMode mode, Protocol protocol, int rows, int clients) {
        if (protocol != Protocol.V2_BINARY) {
            return false;
        }
        return (mode == BatchingMode.OFF && rows == HEADLINE_ROWS && clients == HEADLINE_CLIENTS)
                || (rows == 1 && clients == BATCHING_CLIENTS);
    }
}
