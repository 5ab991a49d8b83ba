/**
 * Adapters that feed aspired versions to the lifecycle: the polled filesystem model repository laid out as
 * TensorFlow Serving's {@code <base>/<model>/<version>/saved_model.pb}. Depends on {@code lifecycle} only.
 */
package io.verso.inference.lifecycle.source;
