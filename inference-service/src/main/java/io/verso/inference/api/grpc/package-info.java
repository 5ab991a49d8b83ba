/**
 * The gRPC transport beside REST: one grpc-java server on its own port carrying TensorFlow Serving's services
 * ({@code tfserving}) and the Open Inference Protocol's ({@code v2}) over the same data plane. Calls are handled on
 * a small pool of call threads, never on Netty's event loop; inference itself runs on the data plane's bounded
 * executor, and errors become the gRPC status codes TensorFlow Serving and Triton answer.
 */
package io.verso.inference.api.grpc;
