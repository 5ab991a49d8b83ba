/**
 * The inference service as the benchmark runs it: a child JVM started from its Boot jar with per-configuration
 * properties, its batching counters scraped from {@code /actuator/prometheus}, and its CPU read from {@code /proc}.
 */
package io.verso.bench.server;
