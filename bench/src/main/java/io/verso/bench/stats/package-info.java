/** Latency and throughput arithmetic: percentiles from HdrHistogram, medians of repetitions. No I/O. */
package io.verso.bench.stats;
