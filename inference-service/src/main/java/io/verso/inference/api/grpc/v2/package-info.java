/**
 * The Open Inference Protocol's gRPC API ({@code inference.GRPCInferenceService}, KServe/Triton V2): health,
 * server and model metadata, and ModelInfer with typed contents or raw input/output contents. A thin codec over
 * {@code dataplane}, sharing the V2 REST codec's rules ({@link io.verso.inference.api.v2.V2Metadata},
 * {@link io.verso.inference.api.v2.V2InputDecoder}) and its raw tensor layout.
 */
package io.verso.inference.api.grpc.v2;
