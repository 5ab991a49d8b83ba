/**
 * The registry as a model source: long-polls the desired state, downloads and verifies artifacts into a local
 * cache keyed by sha256, keeps the last state on disk for restarts while the registry is down, and reports what
 * the pod serves. Depends on {@code lifecycle}, {@code model}, {@code contracts} and {@code artifact}.
 */
package io.verso.inference.lifecycle.source.registry;
