package io.verso.gateway.routing;

/** The two inference APIs the pods speak; each pins a version in its own path form. */
public enum Api {
    /** TensorFlow Serving REST: {@code /v1/models/{m}[/versions/{v}|/labels/{l}][:verb|/metadata]}. */
    TF_SERVING,
    /** Open Inference Protocol: {@code /v2/models/{m}[/versions/{v}][/infer|/ready]}, and server-level paths. */
    V2
}
