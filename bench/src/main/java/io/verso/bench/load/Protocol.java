package io.verso.bench.load;

/**
 * The wire formats the benchmark compares; each is one request path and body layout for the same tensors. gRPC is
 * the unary Predict call as HTTP/2 sees it: a POST of one length-prefixed message.
 */
public enum Protocol {
    TFSERVING_JSON("TF Serving REST (JSON)"),
    V2_JSON("V2 JSON"),
    V2_BINARY("V2 binary"),
    TFSERVING_GRPC("TF Serving gRPC Predict");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String path(String model) {
        return switch (this) {
            case TFSERVING_JSON -> "/v1/models/" + model + ":predict";
            case V2_JSON, V2_BINARY -> "/v2/models/" + model + "/infer";
            case TFSERVING_GRPC -> "/tensorflow.serving.PredictionService/Predict";
        };
    }

    public boolean grpc() {
        return this == TFSERVING_GRPC;
    }
}
