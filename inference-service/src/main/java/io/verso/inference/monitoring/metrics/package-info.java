/**
 * Request and model-load metrics for Prometheus: latency histograms suitable for p99 per model, version,
 * signature, API, method and status, with queueing and TensorFlow run time apart, request sizes, and load times.
 */
package io.verso.inference.monitoring.metrics;
