package io.verso.bench.suite;

import io.verso.bench.BenchSettings;
import io.verso.bench.inprocess.InProcessSuite;
import io.verso.bench.load.Payloads;
import io.verso.bench.load.Probe;
import io.verso.bench.load.Protocol;
import io.verso.bench.loadgen.H2Load;
import io.verso.bench.loadgen.LoadRun;
import io.verso.bench.loadgen.Request;
import io.verso.bench.loadgen.Wrk;
import io.verso.bench.model.MlpModel;
import io.verso.bench.model.ModelRepository;
import io.verso.bench.profile.JfrProfile;
import io.verso.bench.server.BatchingMode;
import io.verso.bench.server.ProcCpu;
import io.verso.bench.server.PrometheusText;
import io.verso.bench.server.ServerProcess;
import io.verso.bench.server.Servers;
import io.verso.bench.stats.Median;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every target's cells: start the target's servers, check each request's answer against the in-process one,
 * warm the servers until their throughput is stable, measure each cell (its own warm-up, then repetitions, the
 * median reported), check the answers again, profile the chosen cells, stop. The pod with batching off and the
 * gateway in front of it run first; the transport ceilings answer with the bytes that pod answered.
 */
public final class CostSuite {

    /**
     * What the suite produced.
     *
     * @param ceilingAnswer the body nginx and the bare Netty server answered: the pod's own answer to the
     *     half_plus_two single-row TF Serving request
     */
    public record Outcome(List<CellResult> cells, List<ProfiledCell> profiles, List<Warmup> warmups,
                          String ceilingAnswer) {
    }

    /** Two warm-up slices within this fraction of each other count as stable. */
    static final double STABLE = 0.03;
    /** JIT compiler threads below this many cores over a slice count as settled. */
    static final double JIT_QUIET_CORES = 0.05;
    /** The warm-up ends by this multiple of {@code serverWarmup} even if never stable. */
    static final int WARMUP_CAP_FACTOR = 6;
    private static final Duration SLICE = Duration.ofSeconds(5);
    private static final double TOLERANCE = 1e-3;
    private static final String BATCH_SIZE_SUM = "verso_batch_size_rows_sum";
    private static final String BATCH_SIZE_COUNT = "verso_batch_size_rows_count";

    private final BenchSettings settings;
    private final ModelRepository models;
    private final Map<String, float[]> references;
    private final Servers servers;
    private final Probe probe = new Probe();
    private final Wrk wrk;
    private final H2Load h2load;
    private final List<CellResult> results = new ArrayList<>();
    private final List<ProfiledCell> profiles = new ArrayList<>();
    private final List<Warmup> warmups = new ArrayList<>();

    public CostSuite(BenchSettings settings, ModelRepository models, Map<String, float[]> references)
            throws IOException {
        this.settings = settings;
        this.models = models;
        this.references = references;
        this.servers = new Servers(settings.workDirectory().resolve("logs"), settings.javacppCache());
        this.wrk = new Wrk(settings.workDirectory().resolve("loadgen"));
        this.h2load = new H2Load(settings.workDirectory().resolve("loadgen"));
    }

    public Outcome run() throws IOException, InterruptedException {
        if (!Wrk.available() || !H2Load.available()) {
            throw new IllegalStateException("wrk and h2load are needed: apt-get install wrk nghttp2-client nginx");
        }
        List<Servers.ServedModel> served = List.of(
                new Servers.ServedModel(Cells.MLP, models.basePath(MlpModel.NAME)),
                new Servers.ServedModel(Cells.H2T, models.basePath(Cells.H2T)));
        byte[] answer;
        try (Servers.Pod pod = servers.inference("pod-off", settings.jar(), served, BatchingMode.OFF, List.of())) {
            answer = probe.answer(payload(Cells.H2T, Protocol.TFSERVING_JSON, 1).to(pod.process().baseUrl(), Map.of()));
            runTarget(Target.POD_OFF, pod, List.of(pod.process()), Map.of());
            try (Servers.Pod gateway = servers.gateway(settings.gatewayJar(), pod)) {
                runTarget(Target.GATEWAY, gateway, List.of(gateway.process(), pod.process()),
                        Map.of("X-API-Key", Servers.GATEWAY_KEY));
            }
        }
        try (ServerProcess nginx = servers.nginx(settings.workDirectory().resolve("nginx"), answer,
                "application/json")) {
            runTarget(Target.NGINX, new Servers.Pod(nginx, -1), List.of(nginx), Map.of());
        }
        try (ServerProcess netty = servers.fixedAnswer("netty", answer, "application/json")) {
            runTarget(Target.NETTY, new Servers.Pod(netty, -1), List.of(netty), Map.of());
        }
        try (Servers.Pod pod = servers.inference("pod-on", settings.jar(), served, BatchingMode.ON, List.of())) {
            runTarget(Target.POD_ON, pod, List.of(pod.process()), Map.of());
        }
        try (ServerProcess collector = servers.fixedAnswer("otlp-collector", new byte[0], "application/x-protobuf");
             Servers.Pod pod = servers.inference("pod-traced", settings.jar(), served, BatchingMode.OFF, List.of(
                     "--management.tracing.sampling.probability=1.0",
                     "--management.opentelemetry.tracing.export.otlp.endpoint=" + collector.baseUrl()
                             + "/v1/traces"))) {
            runTarget(Target.POD_TRACED, pod, List.of(pod.process()), Map.of());
        }
        return new Outcome(results, profiles, warmups, new String(answer, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * @param entry the server the cells' requests go to
     * @param measured the servers whose CPU a request costs, the entry first
     */
    private void runTarget(Target target, Servers.Pod entry, List<ServerProcess> measured,
                           Map<String, String> headers) throws IOException, InterruptedException {
        System.out.printf("[bench] %s: %s ready%n", target.label(), entry.process().baseUrl());
        Map<Cell, Request> requests = new LinkedHashMap<>();
        for (Cell cell : Cells.of(target)) {
            String base = cell.protocol().grpc() ? entry.grpcUrl() : entry.process().baseUrl();
            requests.put(cell, payload(cell.model(), cell.protocol(), cell.rows()).to(base, headers));
        }
        boolean ceiling = target == Target.NGINX || target == Target.NETTY;
        if (!ceiling) {
            requests.forEach(this::check);
        }
        warmups.add(warm(entry.process(), distinct(requests.values())));
        for (Map.Entry<Cell, Request> e : requests.entrySet()) {
            CellResult result = measure(e.getKey(), e.getValue(), measured, target == Target.POD_ON
                    ? entry.process() : null);
            System.out.printf("[bench] %s: %.0f req/s (%s), p50 %.3f ms, p99 %.3f ms, batch %.1f, %d errors%n",
                    e.getKey().describe(), result.requestsPerSecond(), result.repetitions(),
                    result.median().p50Ms(), result.median().p99Ms(), result.meanBatch(), result.median().errors());
            results.add(result);
            if (!ceiling) {
                check(e.getKey(), e.getValue());
            }
        }
        for (Cell cell : Cells.profiled(target)) {
            profiles.add(profile(cell, requests.get(cell), entry.process()));
        }
    }

    private io.verso.bench.load.Payload payload(String model, Protocol protocol, int rows) {
        int width = model.equals(Cells.MLP) ? MlpModel.INPUT_WIDTH : 1;
        int outputWidth = model.equals(Cells.MLP) ? MlpModel.OUTPUT_WIDTH : 1;
        return Payloads.build(protocol, model, Payloads.randomRows(rows, width, rows), rows, width, outputWidth);
    }

    /** One request, fully decoded and compared with the in-process answer: numbers from a wrong server are void. */
    private void check(Cell cell, Request request) {
        float[] actual;
        try {
            actual = probe.outputs(cell.protocol(), request);
        } catch (IOException e) {
            throw new IllegalStateException(cell.describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        float[] expected = references.get(InProcessSuite.referenceKey(cell.model(), cell.rows()));
        if (actual.length != expected.length) {
            throw new IllegalStateException(cell.describe() + " answered " + actual.length + " values, expected "
                    + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (Math.abs(actual[i] - expected[i]) > TOLERANCE * (1 + Math.abs(expected[i]))) {
                throw new IllegalStateException(cell.describe() + " value " + i + " is " + actual[i]
                        + ", in-process " + expected[i]);
            }
        }
    }

    /**
     * Load on every distinct request in turn until the server has had {@code serverWarmup}, then on the first
     * request in slices until two in a row agree within {@link #STABLE} while the server's JIT compilers use less
     * than {@link #JIT_QUIET_CORES}, or the warm-up has lasted {@link #WARMUP_CAP_FACTOR} times as long. Throughput
     * alone is not enough: the gateway's two slices can agree while C2 is still compiling its large code path.
     */
    private Warmup warm(ServerProcess server, List<Request> requests)
            throws IOException, InterruptedException {
        Duration slice = SLICE.compareTo(settings.serverWarmup()) > 0 ? settings.serverWarmup() : SLICE;
        double elapsed = 0;
        for (int i = 0; elapsed < settings.serverWarmup().toSeconds(); i++) {
            Request request = requests.get(i % requests.size());
            run(request, isGrpc(request), Cells.MANY, slice);
            elapsed += slice.toSeconds();
        }
        Request first = requests.get(0);
        double previous = run(first, isGrpc(first), Cells.MANY, slice).requestsPerSecond();
        elapsed += slice.toSeconds();
        while (true) {
            double jitBefore = jitSeconds(server);
            double current = run(first, isGrpc(first), Cells.MANY, slice).requestsPerSecond();
            double jitCores = (jitSeconds(server) - jitBefore) / slice.toSeconds();
            elapsed += slice.toSeconds();
            boolean stable = Math.abs(current - previous) <= STABLE * previous && jitCores < JIT_QUIET_CORES;
            if (stable || elapsed >= WARMUP_CAP_FACTOR * settings.serverWarmup().toSeconds()) {
                System.out.printf("[bench] %s warmed for %.0f s, last slices %.0f and %.0f req/s, JIT %.2f cores%n",
                        server.name(), elapsed, previous, current, jitCores);
                return new Warmup(server.name(), elapsed, new double[] {previous, current}, jitCores, stable);
            }
            previous = current;
        }
    }

    /** CPU seconds of the server's JIT compiler threads (none for nginx). */
    private static double jitSeconds(ServerProcess server) {
        return ProcCpu.threadGroupSeconds(server.pid()).entrySet().stream()
                .filter(e -> e.getKey().contains("CompilerThre")).mapToDouble(Map.Entry::getValue).sum();
    }

    /** One request per distinct address and body (cells differing only in connections share one). */
    private static List<Request> distinct(java.util.Collection<Request> requests) {
        Map<String, Request> byContent = new LinkedHashMap<>();
        requests.forEach(r -> byContent.putIfAbsent(r.uri() + "#" + java.util.Arrays.hashCode(r.body()), r));
        return new ArrayList<>(byContent.values());
    }

    private static boolean isGrpc(Request request) {
        return "application/grpc".equals(request.headers().get("content-type"));
    }

    private LoadRun run(Request request, boolean grpc, int connections, Duration duration)
            throws IOException, InterruptedException {
        return grpc ? h2load.run(request, connections, duration) : wrk.run(request, connections, duration);
    }

    private CellResult measure(Cell cell, Request request, List<ServerProcess> measured, ServerProcess batching)
            throws IOException, InterruptedException {
        boolean grpc = cell.protocol().grpc();
        run(request, grpc, cell.connections(), settings.cellWarmup());
        List<Repetition> repetitions = new ArrayList<>();
        for (int rep = 0; rep < settings.repetitions(); rep++) {
            Map<String, Double> cpu = new LinkedHashMap<>();
            measured.forEach(server -> cpu.put(server.name(), -server.cpuSeconds()));
            double[] batch = batchMeter(batching, cell.model());
            double machine = -ProcCpu.machineBusySeconds();
            long started = System.nanoTime();
            LoadRun run = run(request, grpc, cell.connections(), settings.measure());
            double wall = (System.nanoTime() - started) / 1e9;
            machine += ProcCpu.machineBusySeconds();
            double[] batchAfter = batchMeter(batching, cell.model());
            Map<String, Double> micros = new LinkedHashMap<>();
            measured.forEach(server -> micros.put(server.name(),
                    (cpu.get(server.name()) + server.cpuSeconds()) / run.requests() * 1e6));
            double batches = batchAfter[1] - batch[1];
            double meanBatch = batches > 0 ? (batchAfter[0] - batch[0]) / batches : cell.rows();
            repetitions.add(new Repetition(run, micros, machine / wall, meanBatch));
        }
        Repetition median = Median.element(repetitions, r -> r.run.requestsPerSecond());
        return new CellResult(cell, median.run, repetitions.stream().map(r -> r.run.requestsPerSecond()).toList(),
                median.cpuMicros, median.busyCores, median.meanBatch);
    }

    /** Rows and batches the pod's batch-size meter has counted for {@code model}; zeros without batching. */
    private static double[] batchMeter(ServerProcess pod, String model) throws IOException, InterruptedException {
        if (pod == null) {
            return new double[2];
        }
        String metrics = pod.text("/actuator/prometheus");
        return new double[] {PrometheusText.sum(metrics, BATCH_SIZE_SUM, "model", model),
                PrometheusText.sum(metrics, BATCH_SIZE_COUNT, "model", model)};
    }

    private ProfiledCell profile(Cell cell, Request request, ServerProcess server)
            throws IOException, InterruptedException {
        Path recording = settings.workDirectory().resolve("profile-" + cell.target().name().toLowerCase() + "-"
                + cell.protocol().name().toLowerCase() + "-" + cell.connections() + "c.jfr");
        run(request, cell.protocol().grpc(), cell.connections(), settings.cellWarmup());
        Map<String, Double> before = ProcCpu.threadGroupSeconds(server.pid());
        JfrProfile.start(server.pid());
        LoadRun run = run(request, cell.protocol().grpc(), cell.connections(), settings.measure());
        JfrProfile.stop(server.pid(), recording);
        Map<String, Double> after = ProcCpu.threadGroupSeconds(server.pid());
        System.out.printf("[bench] profiled %s on %s: %.0f req/s -> %s%n", cell.describe(), server.name(),
                run.requestsPerSecond(), recording);
        return new ProfiledCell(cell, server.name(), run, JfrProfile.summarise(recording, 12),
                ProcCpu.delta(before, after), recording);
    }

    private record Repetition(LoadRun run, Map<String, Double> cpuMicros, double busyCores, double meanBatch) {
    }
}
