package io.verso.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how often each cell of the suite runs, and where things are. The defaults keep the whole suite
 * under ten minutes on two cores; {@code --quick} shrinks every phase for a smoke run whose numbers mean nothing.
 *
 * @param warmup unmeasured load before each ordinary cell
 * @param measure measured phase of each ordinary cell
 * @param headlineWarmup warmup of each repetition of a headline cell
 * @param headlineMeasure measured phase of each repetition of a headline cell
 * @param headlineReps repetitions of headline cells (the median is reported)
 * @param maxRequests cap on answers counted per measured phase, so a cell also ends by count
 * @param jar the inference service's Boot jar
 * @param workDirectory models, logs and JFR recordings
 * @param javacppCache where JavaCPP's unpacked natives live, shared with the server
 * @param output the Markdown file to write, or null to print only
 * @param command the command line to record in the report
 * @param revision the source revision to record
 * @param quick whether this is a smoke run
 */
public record BenchSettings(Duration warmup, Duration measure, Duration headlineWarmup, Duration headlineMeasure,
                            int headlineReps, long maxRequests, Path jar, Path workDirectory, Path javacppCache,
                            Path output, String command, String revision, boolean quick) {

    static BenchSettings parse(String[] args) {
        Path jar = null;
        Path work = Path.of("bench/target/bench-work");
        Path output = Path.of("docs/benchmarks.md");
        String command = "bench/run";
        String revision = "unknown";
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> output = args[++i].equals("-") ? null : Path.of(args[i]);
                case "--command" -> command = args[++i];
                case "--revision" -> revision = args[++i];
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: BenchMain --jar <inference-service jar> [--work dir] [--out file|-] [--quick]");
            }
        }
        if (jar == null) {
            throw new IllegalArgumentException("--jar <inference-service jar> is required");
        }
        Path cache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString()));
        if (quick) {
            return new BenchSettings(Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(300),
                    Duration.ofMillis(500), 1, 20_000, jar, work, cache, output, command, revision, true);
        }
        return new BenchSettings(Duration.ofMillis(750), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(4), 3, 200_000, jar, work, cache, output, command, revision, false);
    }
}
