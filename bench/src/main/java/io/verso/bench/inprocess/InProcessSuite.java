package io.verso.bench.inprocess;

import io.verso.bench.BenchSettings;
import io.verso.bench.load.Payloads;
import io.verso.bench.stats.Median;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process matrix: batch sizes 1, 8, 32, 128 and 512 with 1 and 2 caller threads for the MLP, batch size 1
 * for {@code half_plus_two}. The sizes the headline ratios use (1 and 32) run the headline repetitions (median
 * reported); the others run once. In-process numbers are steadier than server ones, so every phase has the ordinary
 * durations, and only the first repetition warms up. It also computes the reference outputs that the server's
 * answers are checked against.
 */
public final class InProcessSuite {

    public static final List<Integer> BATCH_SIZES = List.of(1, 8, 32, 64, 128, 512);
    public static final List<Integer> THREADS = List.of(1, 2);
    static final List<Integer> HEADLINE_SIZES = List.of(1, 32);

    private InProcessSuite() {
    }

    /**
     * A model the suite runs in process.
     *
     * @param referenceRows request sizes whose outputs the server's answers are checked against
     */
    public record Subject(String name, Path versionDirectory, int inputWidth, int outputWidth, List<Integer> sizes,
                          List<Integer> referenceRows) {
    }

    /**
     * @param results medians per (model, size, threads), in run order
     * @param references outputs for the inputs {@link Payloads#randomRows} makes with the row count as seed, by
     *     {@link #referenceKey}
     */
    public record Outcome(List<InProcessResult> results, Map<String, float[]> references) {
    }

    public static String referenceKey(String model, int rows) {
        return model + "/" + rows;
    }

    public static Outcome run(List<Subject> subjects, BenchSettings settings) throws InterruptedException {
        List<InProcessResult> results = new ArrayList<>();
        Map<String, float[]> references = new HashMap<>();
        for (Subject subject : subjects) {
            try (InProcessBenchmark bench = new InProcessBenchmark(subject.name(), subject.versionDirectory(),
                    subject.inputWidth(), subject.outputWidth())) {
                for (int rows : subject.referenceRows()) {
                    references.put(referenceKey(subject.name(), rows),
                            bench.predict(Payloads.randomRows(rows, subject.inputWidth(), rows), rows));
                }
                for (int size : subject.sizes()) {
                    float[] input = Payloads.randomRows(size, subject.inputWidth(), size);
                    int reps = HEADLINE_SIZES.contains(size) ? settings.repetitions() : 1;
                    for (int threads : THREADS) {
                        List<InProcessResult> repetitions = new ArrayList<>();
                        for (int rep = 0; rep < reps; rep++) {
                            Duration warmup = rep == 0 ? settings.inProcessWarmup() : Duration.ofMillis(100);
                            repetitions.add(bench.measure(input, size, threads, warmup, settings.inProcessMeasure(),
                                    settings.maxRequests()));
                        }
                        InProcessResult median = Median.element(repetitions, InProcessResult::rowsPerSecond);
                        System.out.printf("in-process %s batch %d threads %d: %.0f rows/s%n", subject.name(), size,
                                threads, median.rowsPerSecond());
                        results.add(median);
                    }
                }
            }
        }
        return new Outcome(results, references);
    }
}
