/**
 * File-backed adapters of the lifecycle's ports: the polled filesystem model repository laid out as TensorFlow
 * Serving's {@code <base>/<model>/<version>/saved_model.pb}, the reader of TF Serving's {@code --model_config_file}
 * (protobuf text format, parsed by protobuf-java into grpc-api's generated {@code ModelServerConfig}; the
 * batching parameters file against a descriptor built in code), and the warmup that runs the
 * JSON requests a version ships in {@code assets.extra}. Depends on {@code lifecycle} and {@code model}, plus
 * protobuf-java, grpc-api's generated messages and Jackson for the file formats; never on Spring.
 */
package io.verso.inference.lifecycle.source;
