package io.verso.bench.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The batching configurations compared, as the inference service's per-model properties. Fixed batching is
 * TensorFlow Serving's usual CPU setting (up to 64 rows, 2 ms); adaptive starts lower and tunes size and timeout
 * against a 20 ms p99 target, with 128 rows and 5 ms as its ceilings.
 */
public enum BatchingMode {
    OFF("off"),
    FIXED("fixed: max 64 rows, 2 ms"),
    ADAPTIVE("adaptive: target 20 ms, ≤ 128 rows, ≤ 5 ms");

    private final String label;

    BatchingMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The {@code verso.inference.models[index].batching.*} arguments of this mode; none when off. */
    public List<String> arguments(int index) {
        String prefix = "--verso.inference.models[" + index + "].batching.";
        List<String> args = new ArrayList<>();
        switch (this) {
            case OFF -> { }
            case FIXED -> {
                args.add(prefix + "max-batch-size=64");
                args.add(prefix + "batch-timeout=2ms");
            }
            case ADAPTIVE -> {
                args.add(prefix + "max-batch-size=128");
                args.add(prefix + "batch-timeout=5ms");
                args.add(prefix + "latency-target=20ms");
            }
            default -> throw new IllegalStateException(name());
        }
        if (this != OFF) {
            // Enough queue for 256 single-row clients waiting at once: the bench measures throughput, not refusals.
            args.add(prefix + "max-enqueued-batches=256");
        }
        return args;
    }
}
