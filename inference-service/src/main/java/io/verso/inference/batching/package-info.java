/**
 * Dynamic request batching: a {@link io.verso.inference.batching.BatchingServable} wraps a servable and merges
 * concurrent requests to a signature into one call, with bounded queues, padding to allowed sizes, splitting of
 * large requests and an adaptive (AIMD) mode. Depends on {@code model} and {@code tracing} only; {@code config}
 * wraps the versions that configure batching as the lifecycle loads them.
 */
package io.verso.inference.batching;
