package io.verso.bench.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The batching configurations compared, as the inference service's per-model properties: off, and on with
 * TensorFlow Serving's usual CPU shape at the setting, up to 64 rows waiting at most 5 ms.
 */
public enum BatchingMode {
    OFF("off"),
    ON("on: max 64 rows, 5 ms");

    public static final int MAX_ROWS = 64;
    public static final double TIMEOUT_MS = 5;

    private final String label;

    BatchingMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The {@code verso.inference.models[index].batching.*} arguments of this mode; none when off. */
    public List<String> arguments(int index) {
        List<String> args = new ArrayList<>();
        if (this == ON) {
            String prefix = "--verso.inference.models[" + index + "].batching.";
            args.add(prefix + "max-batch-size=" + MAX_ROWS);
            args.add(prefix + "batch-timeout=" + (int) TIMEOUT_MS + "ms");
            // Enough queue for every client waiting at once: the bench measures throughput, not refusals.
            args.add(prefix + "max-enqueued-batches=256");
        }
        return args;
    }
}
