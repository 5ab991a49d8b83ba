/**
 * The Open Inference Protocol (KServe/Triton V2) REST API with Triton's binary tensor extension: health, server
 * and model metadata, readiness, and infer, as thin codecs over {@code dataplane.InferenceService}. Imports
 * {@code api}, {@code dataplane}, {@code tracing} and {@code model}; never TensorFlow.
 */
package io.verso.inference.api.v2;
