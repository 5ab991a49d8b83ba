/**
 * The benchmark models, exported with TensorFlow Java into a TensorFlow Serving style repository: the MLP that
 * makes TensorFlow do real work, and the demo {@code half_plus_two} that makes it do almost none (overhead).
 */
package io.verso.bench.model;
