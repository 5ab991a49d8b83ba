package io.verso.bench.suite;

import io.verso.bench.load.Protocol;

/**
 * One measured configuration: a target, a model, a wire format, rows per request and concurrent connections (each
 * a closed loop: send, wait for the answer, send again).
 */
public record Cell(Target target, String model, Protocol protocol, int rows, int connections) {

    public String describe() {
        return target.label() + ", " + model + ", " + protocol.label() + ", " + rows + " row" + (rows == 1 ? "" : "s")
                + ", " + connections + " connection" + (connections == 1 ? "" : "s");
    }
}
