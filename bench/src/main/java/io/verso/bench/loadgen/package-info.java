/**
 * Independent load generators from Debian, run as child processes: {@link io.verso.bench.loadgen.Wrk} for HTTP/1.1
 * and {@link io.verso.bench.loadgen.H2Load} for gRPC over HTTP/2, each parsed into a {@link io.verso.bench.loadgen.LoadRun}.
 */
package io.verso.bench.loadgen;
