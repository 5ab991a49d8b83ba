/**
 * The composition root: typed properties, translation of TensorFlow Serving's command-line flags, and the wiring
 * of runtime, lifecycle, data plane and APIs. Nothing imports this package.
 */
package io.verso.inference.config;
