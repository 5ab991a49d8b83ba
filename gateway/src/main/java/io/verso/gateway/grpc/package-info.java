/**
 * The gateway's gRPC front door: a proxy that forwards each unary call of TensorFlow Serving's PredictionService
 * and ModelService and of V2's GRPCInferenceService to a pod as raw bytes, reading from the message only what
 * routing needs ({@code model_spec}, {@code model_name}/{@code model_version}) and rewriting it to pin the version
 * the {@link io.verso.gateway.routing.Router} chose. Same rules as REST: API keys, rate limits, weighted canary,
 * sticky routing keys, per-pod Resilience4j, and shadow copies (fire-and-forget, a bounded number in flight).
 */
package io.verso.gateway.grpc;
