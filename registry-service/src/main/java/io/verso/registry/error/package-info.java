/**
 * The registry's domain errors: {@link io.verso.registry.error.RegistryException}, a refusal with a
 * {@link io.verso.registry.error.RegistryException.Kind} (invalid, not found, conflict, ...) and the field at
 * fault. Services throw it; only {@code web} (and the console, for its pages) turns a kind into an HTTP status.
 * Plain Java: imports nothing but the JDK, so every package, the deployment state machine included, may use it.
 */
package io.verso.registry.error;
