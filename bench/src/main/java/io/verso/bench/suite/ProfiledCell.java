package io.verso.bench.suite;

import io.verso.bench.load.LoadResult;
import io.verso.bench.profile.JfrProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cell run again under JFR.
 *
 * @param threadCpuSeconds server CPU seconds per thread group over the measured phase
 * @param recording the JFR file, for {@code jfr print --events jdk.ExecutionSample}
 */
public record ProfiledCell(CellSpec spec, LoadResult result, JfrProfile.Summary jfr,
                           Map<String, Double> threadCpuSeconds, Path recording) {
}
