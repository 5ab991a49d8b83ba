/**
 * Which model versions are loaded and serving: the {@link io.verso.inference.lifecycle.ModelSource} port, version
 * policies, and the {@link io.verso.inference.lifecycle.ModelManager} that loads, swaps and unloads versions with
 * reference counting. Depends on {@code model} only (the version states it reports are {@code model} types); adapters for concrete sources live in {@code lifecycle.source}.
 */
package io.verso.inference.lifecycle;
