package io.verso.bench.report;

/**
 * The conditions of a run, printed above its numbers.
 *
 * @param loadBefore {@code /proc/loadavg} before the run (1, 5, 15 minutes)
 * @param loadAfter the same after it
 */
public record RunInfo(String date, String machine, String jdk, String os, String command, String revision,
                      String durations, String loadBefore, String loadAfter, double wallSeconds) {
}
