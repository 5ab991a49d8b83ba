/**
 * The server matrix: which cells run against which server configuration, how a cell is measured (probe, load,
 * server counters) and which cells are profiled. Composes {@code server}, {@code load} and {@code profile}.
 */
package io.verso.bench.suite;
