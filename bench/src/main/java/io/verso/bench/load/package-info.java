/**
 * The requests of each wire format (TensorFlow Serving REST JSON, V2 JSON, V2 with Triton's binary tensor extension,
 * TensorFlow Serving gRPC Predict) for the same tensors, and a {@link io.verso.bench.load.Probe} that sends one with
 * a real client and reads the output back. Knows the wire formats, nothing about how servers are started.
 */
package io.verso.bench.load;
