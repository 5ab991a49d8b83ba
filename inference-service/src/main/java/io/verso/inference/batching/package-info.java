/**
 * Dynamic request batching: a {@link io.verso.inference.batching.BatchingServable} wraps a servable and merges
 * concurrent requests to a signature into one call, with bounded queues, padding to allowed sizes, splitting of
 * large requests and an adaptive (AIMD) mode. Depends on {@code model} and {@code lifecycle}'s decorator port.
 */
package io.verso.inference.batching;
