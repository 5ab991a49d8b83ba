/**
 * Which model versions are loaded and serving: the {@link io.verso.inference.lifecycle.ModelSource} port, version
 * policies, and the {@link io.verso.inference.lifecycle.ModelManager} that loads, swaps and unloads versions with
 * reference counting. Depends on {@code model} (the version states it reports are {@code model} types) and the
 * shared name rule ({@code io.verso.contracts.ModelNames}) only; adapters for concrete sources live in
 * {@code lifecycle.source}.
 */
package io.verso.inference.lifecycle;
