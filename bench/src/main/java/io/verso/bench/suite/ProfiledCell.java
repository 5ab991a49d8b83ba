package io.verso.bench.suite;

import io.verso.bench.loadgen.LoadRun;
import io.verso.bench.profile.JfrProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cell run again under JFR, on the server named.
 *
 * @param threadCpuSeconds the server's CPU seconds per thread group over the recording
 * @param recording the JFR file, for {@code jfr print --events jdk.ExecutionSample}
 */
public record ProfiledCell(Cell cell, String server, LoadRun run, JfrProfile.Summary jfr,
                           Map<String, Double> threadCpuSeconds, Path recording) {
}
