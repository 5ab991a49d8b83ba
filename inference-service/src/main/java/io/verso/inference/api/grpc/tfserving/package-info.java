/**
 * TensorFlow Serving's gRPC API, wire-compatible: {@code tensorflow.serving.PredictionService} (Predict, Classify,
 * Regress, MultiInference, GetModelMetadata) and {@code tensorflow.serving.ModelService} (GetModelStatus,
 * HandleReloadConfigRequest). A thin codec over {@code dataplane}, sharing the Classify/Regress rules with the
 * REST codec ({@link io.verso.inference.api.tfserving.Examples}).
 */
package io.verso.inference.api.grpc.tfserving;
