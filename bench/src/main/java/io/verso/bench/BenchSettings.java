package io.verso.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How long and how often each part of the suite runs, and where things are. The defaults follow the benchmark's
 * method (docs/benchmarks.md): every server warmed until its throughput is stable, at least {@code serverWarmup},
 * then each cell warmed again on its own request and measured {@code repetitions} times. {@code --quick} shrinks
 * every phase for a smoke run whose numbers mean nothing.
 *
 * @param serverWarmup least load each server gets before its first measured cell
 * @param cellWarmup unmeasured load on a cell's own request before its repetitions
 * @param measure one measured repetition of a cell
 * @param repetitions repetitions per cell (the median is reported)
 * @param inProcessWarmup unmeasured calls before an in-process measurement
 * @param inProcessMeasure one measured in-process repetition
 * @param maxRequests cap on calls counted per in-process phase, so a phase also ends by count
 * @param jar the inference service's Boot jar
 * @param gatewayJar the gateway's Boot jar
 * @param workDirectory models, logs, load-generator scripts and JFR recordings
 * @param javacppCache where JavaCPP's unpacked natives live, shared with the servers
 * @param output the Markdown file to write, or null to print only
 * @param command the command line to record in the report
 * @param revision the source revision to record
 * @param quick whether this is a smoke run
 */
public record BenchSettings(Duration serverWarmup, Duration cellWarmup, Duration measure, int repetitions,
                            Duration inProcessWarmup, Duration inProcessMeasure, long maxRequests, Path jar,
                            Path gatewayJar, Path workDirectory, Path javacppCache, Path output, String command,
                            String revision, boolean quick) {

    static BenchSettings parse(String[] args) {
        Path jar = null;
        Path gatewayJar = null;
        Path work = Path.of("bench/target/bench-work");
        Path output = Path.of("docs/benchmarks.md");
        String command = "bench/run";
        String revision = "unknown";
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--gateway-jar" -> gatewayJar = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--out" -> output = args[++i].equals("-") ? null : Path.of(args[i]);
                case "--command" -> command = args[++i];
                case "--revision" -> revision = args[++i];
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: BenchMain "
                        + "--jar <inference-service jar> --gateway-jar <gateway jar> [--work dir] [--out file|-] "
                        + "[--quick]");
            }
        }
        if (jar == null || gatewayJar == null) {
            throw new IllegalArgumentException("--jar <inference-service jar> and --gateway-jar <gateway jar> are "
                    + "required");
        }
        Path cache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                Path.of(System.getProperty("user.home"), ".javacpp", "cache").toString()));
        if (quick) {
            return new BenchSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2), 1,
                    Duration.ofMillis(300), Duration.ofMillis(500), 20_000, jar, gatewayJar, work, cache, output,
                    command, revision, true);
        }
        return new BenchSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), 3,
                Duration.ofSeconds(3), Duration.ofSeconds(3), 1_000_000, jar, gatewayJar, work, cache, output,
                command, revision, false);
    }
}
