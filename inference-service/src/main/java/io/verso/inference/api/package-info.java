/**
 * The transports, and what the HTTP APIs share: bounded body reading, the mapping of every failure to a status
 * code with an {@code {"error": "..."}} body, encoding metrics. Every HTTP handler of the service lives under this
 * package: protocol codecs in {@code api.tfserving} and {@code api.v2}, monitoring's endpoints in {@code
 * api.monitoring}; gRPC in {@code api.grpc}. Each package exposes its routes as a plain function that {@code config}
 * mounts. May import {@code model}, {@code dataplane}, {@code tracing} and {@code monitoring}; never {@code
 * lifecycle} (version selectors and states are {@code model} types).
 */
package io.verso.inference.api;
