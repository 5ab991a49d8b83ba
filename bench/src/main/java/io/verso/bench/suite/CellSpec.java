package io.verso.bench.suite;

import io.verso.bench.load.Protocol;
import io.verso.bench.server.BatchingMode;

/**
 * One cell of the server matrix.
 *
 * @param headline whether it feeds a headline ratio, and so runs the headline repetitions
 */
public record CellSpec(String model, BatchingMode mode, Protocol protocol, int rows, int clients, boolean headline) {

    public String describe() {
        return model + " / batching " + mode.name().toLowerCase() + " / " + protocol.label() + " / " + rows
                + (rows == 1 ? " row" : " rows") + " / " + clients + (clients == 1 ? " client" : " clients");
    }
}
