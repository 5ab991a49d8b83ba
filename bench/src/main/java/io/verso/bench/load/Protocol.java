package io.verso.bench.load;

/** The wire formats the benchmark compares; each is one request path and body layout for the same tensors. */
public enum Protocol {
    TFSERVING_JSON("TF Serving REST (JSON)"),
    V2_JSON("V2 JSON"),
    V2_BINARY("V2 binary");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String path(String model) {
        return this == TFSERVING_JSON ? "/v1/models/" + model + ":predict" : "/v2/models/" + model + "/infer";
    }
}
