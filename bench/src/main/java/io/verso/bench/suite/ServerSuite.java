package io.verso.bench.suite;

import io.verso.bench.BenchSettings;
import io.verso.bench.inprocess.InProcessLimit;
import io.verso.bench.inprocess.InProcessSuite;
import io.verso.bench.load.ClosedLoopLoad;
import io.verso.bench.load.LoadResult;
import io.verso.bench.load.Payload;
import io.verso.bench.load.Payloads;
import io.verso.bench.load.Protocol;
import io.verso.bench.load.Responses;
import io.verso.bench.model.MlpModel;
import io.verso.bench.model.ModelRepository;
import io.verso.bench.profile.JfrProfile;
import io.verso.bench.server.BatchingMode;
import io.verso.bench.server.ProcCpu;
import io.verso.bench.server.PrometheusText;
import io.verso.bench.server.ServerProcess;
import io.verso.bench.stats.Median;
import io.verso.demo.HalfPlusTwoModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the cells of one batching mode against a fresh server: start it, warm every protocol up, check each
 * (model, protocol, size) once against the in-process reference, measure every cell, profile the chosen ones in
 * extra runs, stop it. Each repetition of a cell gets its own warmup, and its counters are read around exactly its
 * measured phase.
 */
public final class ServerSuite {

    /** What one mode produced. */
    public record Outcome(List<ServerCell> cells, List<ProfiledCell> profiles) {
    }

    private static final String BATCH_SIZE_SUM = "verso_batch_size_rows_sum";
    private static final String BATCH_SIZE_COUNT = "verso_batch_size_rows_count";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final double TOLERANCE = 1e-3;

    private final BenchSettings settings;
    private final ModelRepository models;
    private final Map<String, float[]> references;
    private final InProcessLimit limit;

    public ServerSuite(BenchSettings settings, ModelRepository models, Map<String, float[]> references,
                       InProcessLimit limit) {
        this.settings = settings;
        this.models = models;
        this.references = references;
        this.limit = limit;
    }

    public Outcome run(BatchingMode mode) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(settings.workDirectory().resolve("logs"));
        List<ServerProcess.ServedModel> served = List.of(
                new ServerProcess.ServedModel(MlpModel.NAME, models.basePath(MlpModel.NAME)),
                new ServerProcess.ServedModel(HalfPlusTwoModel.NAME, models.basePath(HalfPlusTwoModel.NAME)));
        Path log = logs.resolve("server-" + mode.name().toLowerCase() + ".log");
        try (ServerProcess server = ServerProcess.start(settings.jar(), served, mode, settings.javacppCache(), log)) {
            server.awaitReady(READY_TIMEOUT);
            System.out.printf("server (%s) ready on %s, pid %d%n", mode.label(), server.baseUrl(), server.pid());
            ClosedLoopLoad load = new ClosedLoopLoad(server.baseUrl());
            Set<String> checked = new HashSet<>();
            for (Protocol protocol : Protocol.values()) {
                // JIT warmup of every codec, so the first cells of a protocol are not measured against C1 code.
                load.run(payload(MlpModel.NAME, protocol, Matrix.HEADLINE_ROWS), Matrix.HEADLINE_CLIENTS,
                        Duration.ZERO, settings.headlineWarmup(), settings.maxRequests(), ClosedLoopLoad.PhaseObserver.NONE);
            }
            List<ServerCell> cells = new ArrayList<>();
            for (CellSpec spec : Matrix.cells(mode)) {
                check(load, spec, checked);
                ServerCell cell = measure(server, load, spec);
                System.out.printf("%s: %.0f rows/s, %.0f req/s, p50 %.2f ms, p99 %.2f ms, batch %.1f, %d errors%n",
                        spec.describe(), cell.result().rowsPerSecond(), cell.result().requestsPerSecond(),
                        cell.result().latency().p50Ms(), cell.result().latency().p99Ms(), cell.effectiveBatch(),
                        cell.result().errors());
                cells.add(cell);
            }
            List<ProfiledCell> profiles = new ArrayList<>();
            for (CellSpec spec : Matrix.profiled(mode)) {
                profiles.add(profile(server, load, spec));
            }
            return new Outcome(cells, profiles);
        }
    }

    private Payload payload(String model, Protocol protocol, int rows) {
        int width = model.equals(MlpModel.NAME) ? MlpModel.INPUT_WIDTH : 1;
        int outputWidth = model.equals(MlpModel.NAME) ? MlpModel.OUTPUT_WIDTH : 1;
        return Payloads.build(protocol, model, Payloads.randomRows(rows, width, rows), rows, width, outputWidth);
    }

    /** One request, fully decoded and compared with the in-process answer: numbers from a wrong server are void. */
    private void check(ClosedLoopLoad load, CellSpec spec, Set<String> checked) {
        String key = spec.model() + "/" + spec.protocol() + "/" + spec.rows();
        if (!checked.add(key)) {
            return;
        }
        ClosedLoopLoad.Exchange answer = load.exchange(payload(spec.model(), spec.protocol(), spec.rows()));
        if (answer.status() != 200) {
            throw new IllegalStateException(key + " answered " + answer.status() + ": " + new String(answer.body()));
        }
        float[] actual = Responses.outputs(spec.protocol(), answer.headerLength(), answer.body());
        float[] expected = references.get(InProcessSuite.referenceKey(spec.model(), spec.rows()));
        if (actual.length != expected.length) {
            throw new IllegalStateException(key + " answered " + actual.length + " values, expected " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > TOLERANCE * (1 + Math.abs(expected[i]))) {
                throw new IllegalStateException(key + " value " + i + " is " + actual[i] + ", in-process "
                        + expected[i]);
            }
        }
    }

    private ServerCell measure(ServerProcess server, ClosedLoopLoad load, CellSpec spec) throws InterruptedException {
        Payload payload = payload(spec.model(), spec.protocol(), spec.rows());
        int reps = spec.headline() ? settings.headlineReps() : 1;
        Duration warmup = spec.headline() ? settings.headlineWarmup() : settings.warmup();
        Duration measure = spec.headline() ? settings.headlineMeasure() : settings.measure();
        List<Repetition> repetitions = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            Counters counters = new Counters(server, spec);
            LoadResult result = load.run(payload, spec.clients(), warmup, measure, settings.maxRequests(), counters);
            repetitions.add(new Repetition(result, counters));
        }
        Repetition median = Median.element(repetitions, r -> r.result.rowsPerSecond());
        double batch = median.counters.effectiveBatch();
        return new ServerCell(spec, median.result, repetitions.stream().map(r -> r.result.rowsPerSecond()).toList(),
                batch, median.counters.serverCores(), median.counters.clientCores(),
                limit.ratio(spec.model(), batch, median.result.rowsPerSecond()),
                limit.ratioPerCpu(spec.model(), batch, median.result.rowsPerSecond() / median.counters.serverCores()));
    }

    private ProfiledCell profile(ServerProcess server, ClosedLoopLoad load, CellSpec spec)
            throws IOException, InterruptedException {
        Path recording = settings.workDirectory().resolve("profile-" + spec.mode().name().toLowerCase() + "-"
                + spec.protocol().name().toLowerCase() + "-" + spec.rows() + "rows-" + spec.clients() + "clients.jfr");
        List<Map<String, Double>> threads = new ArrayList<>();
        ClosedLoopLoad.PhaseObserver observer = new ClosedLoopLoad.PhaseObserver() {
            @Override
            public void measureStarted() {
                try {
                    JfrProfile.start(server.pid());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("cannot start JFR: " + e.getMessage(), e);
                }
                threads.add(ProcCpu.threadGroupSeconds(server.pid()));
            }

            @Override
            public void measureEnded() {
                threads.add(ProcCpu.threadGroupSeconds(server.pid()));
                try {
                    JfrProfile.stop(server.pid(), recording);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException("cannot stop JFR: " + e.getMessage(), e);
                }
            }
        };
        LoadResult result = load.run(payload(spec.model(), spec.protocol(), spec.rows()), spec.clients(),
                settings.warmup(), settings.headlineMeasure(), settings.maxRequests(), observer);
        System.out.printf("profiled %s: %.0f rows/s -> %s%n", spec.describe(), result.rowsPerSecond(), recording);
        return new ProfiledCell(spec, result, JfrProfile.summarise(recording, 12),
                ProcCpu.delta(threads.get(0), threads.get(1)), recording);
    }

    private record Repetition(LoadResult result, Counters counters) {
    }

    /** Server and client CPU, and the server's batch-size meter, read around one measured phase. */
    private static final class Counters implements ClosedLoopLoad.PhaseObserver {
        private final ServerProcess server;
        private final CellSpec spec;
        private double serverCpu;
        private double clientCpu;
        private double batchRows;
        private double batches;
        private long wallNanos;

        Counters(ServerProcess server, CellSpec spec) {
            this.server = server;
            this.spec = spec;
        }

        @Override
        public void measureStarted() {
            batchMeter(-1);
            serverCpu = -ProcCpu.processSeconds(server.pid());
            clientCpu = -clientCpuSeconds();
            wallNanos = -System.nanoTime();
        }

        @Override
        public void measureEnded() {
            wallNanos += System.nanoTime();
            serverCpu += ProcCpu.processSeconds(server.pid());
            clientCpu += clientCpuSeconds();
            batchMeter(1);
        }

        double serverCores() {
            return serverCpu / (wallNanos / 1e9);
        }

        double clientCores() {
            return clientCpu / (wallNanos / 1e9);
        }

        /** Mean rows per executed batch; the request's rows when nothing was batched. */
        double effectiveBatch() {
            return batches > 0 ? batchRows / batches : spec.rows();
        }

        private void batchMeter(int sign) {
            if (spec.mode() == BatchingMode.OFF) {
                return;
            }
            try {
                String metrics = server.metrics();
                batchRows += sign * PrometheusText.sum(metrics, BATCH_SIZE_SUM, "model", spec.model());
                batches += sign * PrometheusText.sum(metrics, BATCH_SIZE_COUNT, "model", spec.model());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static double clientCpuSeconds() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
        }
    }
}
