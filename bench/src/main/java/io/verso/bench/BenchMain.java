package io.verso.bench;

import io.verso.bench.inprocess.InProcessLimit;
import io.verso.bench.inprocess.InProcessSuite;
import io.verso.bench.model.MlpModel;
import io.verso.bench.model.ModelRepository;
import io.verso.bench.report.DocFile;
import io.verso.bench.report.ReportWriter;
import io.verso.bench.report.RunInfo;
import io.verso.bench.suite.CostSuite;
import io.verso.demo.HalfPlusTwoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Runs the whole suite and writes the report: exports the models, measures the in-process limit, then the servers
 * and transport ceilings ({@link CostSuite}), and replaces the generated section of the output file. Started by
 * {@code bench/run}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        String loadBefore = loadAverage();
        long started = System.nanoTime();
        ModelRepository models = ModelRepository.prepare(settings.workDirectory().resolve("models"));

        InProcessSuite.Outcome inProcess = InProcessSuite.run(List.of(
                new InProcessSuite.Subject(MlpModel.NAME, models.versionDirectory(MlpModel.NAME, MlpModel.VERSION),
                        MlpModel.INPUT_WIDTH, MlpModel.OUTPUT_WIDTH, InProcessSuite.BATCH_SIZES, List.of(1, 32)),
                new InProcessSuite.Subject(HalfPlusTwoModel.NAME,
                        models.versionDirectory(HalfPlusTwoModel.NAME, HalfPlusTwoModel.VERSION), 1, 1, List.of(1),
                        List.of(1))), settings);
        InProcessLimit limit = new InProcessLimit(inProcess.results());

        CostSuite.Outcome outcome = new CostSuite(settings, models, inProcess.references()).run();

        RunInfo run = new RunInfo(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), machine(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                settings.command(), settings.revision(), durations(settings), loadBefore, loadAverage(),
                (System.nanoTime() - started) / 1e9);
        String markdown = new ReportWriter(run, inProcess.results(), limit, outcome).markdown();
        if (settings.output() == null) {
            System.out.println(markdown);
        } else {
            Path output = settings.output();
            String existing = Files.exists(output) ? Files.readString(output) : null;
            Files.writeString(output, DocFile.merge(existing, markdown));
            System.out.println("wrote " + output.toAbsolutePath());
        }
        // Reactor Netty's and TensorFlow's pools would keep the JVM alive a little longer for nothing.
        System.exit(0);
    }

    private static String durations(BenchSettings s) {
        return String.format(Locale.ROOT, "each server warmed for at least %d s (below); each cell %d s of warm-up on "
                        + "its own request, then %d × %d s measured, the median reported; in-process %.1f s warm-up + "
                        + "%.1f s measured (batch 1 and 32: %d runs, median)%s",
                s.serverWarmup().toSeconds(), s.cellWarmup().toSeconds(), s.repetitions(), s.measure().toSeconds(),
                s.inProcessWarmup().toMillis() / 1e3, s.inProcessMeasure().toMillis() / 1e3, s.repetitions(),
                s.quick() ? " — QUICK SMOKE RUN, numbers are not meaningful" : "");
    }

    private static String machine() {
        String cpu = procLine("/proc/cpuinfo", "model name").map(l -> l.substring(l.indexOf(':') + 1).trim())
                .orElse("unknown CPU");
        String memory = procLine("/proc/meminfo", "MemTotal").map(l -> {
            long kb = Long.parseLong(l.replaceAll("\\D", ""));
            return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
        }).orElse("unknown memory");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory;
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
