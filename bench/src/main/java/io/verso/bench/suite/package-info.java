/**
 * The suite: which cells run against which target (pods, the gateway, the transport ceilings), how a server is
 * warmed, how a cell is checked and measured (probe, load generator, CPU from /proc, batch meter), and which cells
 * are profiled. Composes {@code server}, {@code load}, {@code loadgen} and {@code profile}.
 */
package io.verso.bench.suite;
