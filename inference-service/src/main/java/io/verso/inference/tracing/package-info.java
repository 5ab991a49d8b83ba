/**
 * The spans a pod opens inside one inference call, below the HTTP (or gRPC) server span that Micrometer's
 * observation opens from the caller's W3C {@code traceparent}: the data plane's call span with its executor wait,
 * decode and validate, the batch wait, the batch (linked to every request sharing it) and the TensorFlow run.
 * Calls that are not sampled get {@link io.micrometer.tracing.Span#NOOP} and cost a flag check. Depends on
 * {@code model} only.
 */
package io.verso.inference.tracing;
