/**
 * Load benchmarks of the inference service, compared with the in-process TensorFlow Java limit in the same run.
 * {@link io.verso.bench.BenchMain} runs the suite and writes {@code docs/benchmarks.md}; {@code bench/run} is the
 * one command. Sub-packages: {@code model} (SavedModel export), {@code inprocess}, {@code server} (the child
 * process), {@code load} (the closed-loop client), {@code profile} (JFR and per-thread CPU), {@code stats},
 * {@code report}. Nothing here imports the inference service's classes: it is measured from the outside.
 */
package io.verso.bench;
