/**
 * The protocol-neutral data plane both APIs share (as KServe's): resolves a model version or label to a leased
 * servable, runs requests on a bounded executor away from event-loop threads, and reports status and metadata.
 * Depends on {@code model}, {@code lifecycle} and {@code tracing}; knows nothing of HTTP or JSON.
 */
package io.verso.inference.dataplane;
