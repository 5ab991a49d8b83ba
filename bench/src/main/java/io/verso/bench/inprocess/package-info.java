/**
 * The in-process limit: the same SavedModel run directly through a TensorFlow Java session, with the same tensor
 * copies the server's runtime makes, and nothing else (no HTTP, JSON, queueing). Server results are divided by it.
 */
package io.verso.bench.inprocess;
