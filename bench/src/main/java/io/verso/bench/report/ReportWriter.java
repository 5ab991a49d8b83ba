package io.verso.bench.report;

import io.verso.bench.inprocess.InProcessLimit;
import io.verso.bench.inprocess.InProcessResult;
import io.verso.bench.load.Protocol;
import io.verso.bench.model.MlpModel;
import io.verso.bench.profile.StackCategory;
import io.verso.bench.server.BatchingMode;
import io.verso.bench.suite.Matrix;
import io.verso.bench.suite.ProfiledCell;
import io.verso.bench.suite.ServerCell;
import io.verso.demo.HalfPlusTwoModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Writes the generated section of {@code docs/benchmarks.md} from one run's results. */
public final class ReportWriter {

    /** What the server's thread groups do; thread names come from /proc, cut by Linux at 15 characters. */
    private static final Map<String, String> THREAD_GROUPS = Map.of(
            "model-loader", "TensorFlow's native compute pool (its threads inherit the name of the thread that "
                    + "created the first session) and the model loader",
            "inference", "data-plane executor: decode, validate, run the session (no batching), encode",
            "reactor-http-ep", "Netty event loops: HTTP, body aggregation, V2 JSON header parse",
            "parallel", "Reactor parallel scheduler: TF Serving JSON body parse",
            "C2 CompilerThre", "JIT compiler",
            "C1 CompilerThre", "JIT compiler");

    private final RunInfo run;
    private final List<InProcessResult> inProcess;
    private final InProcessLimit limit;
    private final List<ServerCell> cells;
    private final List<ProfiledCell> profiles;

    public ReportWriter(RunInfo run, List<InProcessResult> inProcess, InProcessLimit limit, List<ServerCell> cells,
                        List<ProfiledCell> profiles) {
        this.run = run;
        this.inProcess = inProcess;
        this.limit = limit;
        this.cells = cells;
        this.profiles = profiles;
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        runSection(out);
        headlineSection(out);
        inProcessSection(out);
        for (BatchingMode mode : BatchingMode.values()) {
            serverSection(out, MlpModel.NAME, mode);
        }
        batchingSection(out);
        serverSection(out, HalfPlusTwoModel.NAME, BatchingMode.OFF);
        profiles.forEach(profile -> profileSection(out, profile));
        return out.toString();
    }

    private void runSection(StringBuilder out) {
        out.append("## Run\n\n")
                .append("- date: ").append(run.date()).append('\n')
                .append("- machine: ").append(run.machine()).append('\n')
                .append("- JDK: ").append(run.jdk()).append("; OS: ").append(run.os()).append('\n')
                .append("- command: `").append(run.command()).append("` (source revision ").append(run.revision())
                .append(")\n")
                .append("- phases: ").append(run.durations()).append('\n')
                .append("- load average (1/5/15 min) before: ").append(run.loadBefore()).append("; after: ")
                .append(run.loadAfter()).append('\n')
                .append("- suite wall time: ").append(Format.rate(run.wallSeconds())).append(" s\n\n")
                .append("The load generator runs on the same cores as the server, so every server number includes "
                        + "its competition for CPU (the *client CPU* column).\n\n");
    }

    private void headlineSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("ratio", "cell", ">goal", ">measured", "repetitions (rows/s)", "verdict");
        Optional<ServerCell> serverCell = Ratios.find(cells, MlpModel.NAME, BatchingMode.OFF, Protocol.V2_BINARY,
                Matrix.HEADLINE_ROWS, Matrix.HEADLINE_CLIENTS);
        double serverRatio = serverCell.map(ServerCell::vsInProcess).orElse(Double.NaN);
        table.row("server ÷ in-process", "V2 binary, " + Matrix.HEADLINE_ROWS + "-row requests, "
                        + Matrix.HEADLINE_CLIENTS + " clients, batching off vs. in-process batch "
                        + Matrix.HEADLINE_ROWS + " (" + Format.rate(limit.rowsPerSecond(MlpModel.NAME,
                        Matrix.HEADLINE_ROWS)) + " rows/s)",
                "≥ " + Format.ratio(Ratios.SERVER_GOAL), Format.ratio(serverRatio),
                serverCell.map(ReportWriter::repetitions).orElse(Format.MISSING),
                Ratios.verdict(serverRatio, Ratios.SERVER_GOAL));
        double perCpu = serverCell.map(ServerCell::vsInProcessPerCpu).orElse(Double.NaN);
        table.row("(diagnostic) server ÷ in-process per CPU-second", "the same cell, rows per CPU-second of the "
                        + "server process ÷ of the in-process benchmark", "–", Format.ratio(perCpu),
                serverCell.map(c -> "server used " + Format.oneDecimal(c.serverCores()) + " cores").orElse(Format.MISSING),
                "not a goal: shows efficiency apart from CPU share");
        Optional<ServerCell> off = Ratios.find(cells, MlpModel.NAME, BatchingMode.OFF, Protocol.V2_BINARY, 1,
                Matrix.BATCHING_CLIENTS);
        for (BatchingMode mode : List.of(BatchingMode.FIXED, BatchingMode.ADAPTIVE)) {
            Optional<ServerCell> on = Ratios.find(cells, MlpModel.NAME, mode, Protocol.V2_BINARY, 1,
                    Matrix.BATCHING_CLIENTS);
            double gain = Ratios.batchingGain(on, off);
            table.row("batching " + mode.name().toLowerCase() + " ÷ off", "V2 binary, single-row requests, "
                            + Matrix.BATCHING_CLIENTS + " clients",
                    "≥ " + Format.times(Ratios.BATCHING_GOAL), Format.times(gain),
                    on.map(ReportWriter::repetitions).orElse(Format.MISSING) + " vs. "
                            + off.map(ReportWriter::repetitions).orElse(Format.MISSING),
                    Ratios.verdict(gain, Ratios.BATCHING_GOAL));
        }
        out.append("## Headline ratios\n\n").append(table.render()).append('\n')
                .append("Repetitions are listed in run order; the measured value is their median.\n\n");
    }

    private void inProcessSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("model", ">batch", ">threads", ">rows/s", ">calls/s", ">p50 ms",
                ">p99 ms", ">CPU cores", ">rows per CPU-s");
        inProcess.forEach(r -> table.row(r.model(), r.batchSize(), r.threads(), Format.rate(r.rowsPerSecond()),
                Format.rate(r.callsPerSecond()), Format.millis(r.latency().p50Ms()),
                Format.millis(r.latency().p99Ms()), Format.oneDecimal(r.cores()), Format.rate(r.rowsPerCpuSecond())));
        out.append("## In-process limit (TensorFlow Java session, no server)\n\n").append(table.render())
                .append("\nThe limit a server cell is divided by is the better of the two thread counts at the "
                        + "cell's mean batch size (interpolated in log2 of the size between measured sizes).\n\n");
    }

    private void serverSection(StringBuilder out, String model, BatchingMode mode) {
        MarkdownTable table = new MarkdownTable("protocol", ">rows/req", ">clients", ">req/s", ">rows/s", ">p50 ms",
                ">p99 ms", ">mean batch", ">÷ in-process", ">÷ in-process per CPU-s", ">server CPU", ">client CPU",
                ">errors");
        cells.stream().filter(c -> c.spec().model().equals(model) && c.spec().mode() == mode).forEach(c -> table.row(
                c.spec().protocol().label() + (c.spec().headline() ? " ★" : ""), c.spec().rows(), c.spec().clients(),
                Format.rate(c.result().requestsPerSecond()), Format.rate(c.result().rowsPerSecond()),
                Format.millis(c.result().latency().p50Ms()), Format.millis(c.result().latency().p99Ms()),
                Format.oneDecimal(c.effectiveBatch()), Format.ratio(c.vsInProcess()),
                Format.ratio(c.vsInProcessPerCpu()), Format.oneDecimal(c.serverCores()), Format.oneDecimal(c.clientCores()), c.result().errors()));
        if (table.size() == 0) {
            return;
        }
        out.append("## Server: ").append(model).append(", batching ").append(mode.label()).append("\n\n")
                .append(table.render())
                .append("\n★ headline cell (median of the repetitions). CPU columns are in cores "
                        + "(2.0 = both cores busy).\n\n");
    }

    private void batchingSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("protocol", ">clients", ">off rows/s", ">fixed rows/s", ">fixed ÷ off",
                ">adaptive rows/s", ">adaptive ÷ off", ">adaptive mean batch");
        for (Protocol protocol : Protocol.values()) {
            for (int clients : Matrix.CLIENTS) {
                Optional<ServerCell> off = Ratios.find(cells, MlpModel.NAME, BatchingMode.OFF, protocol, 1, clients);
                Optional<ServerCell> fixed = Ratios.find(cells, MlpModel.NAME, BatchingMode.FIXED, protocol, 1, clients);
                Optional<ServerCell> adaptive = Ratios.find(cells, MlpModel.NAME, BatchingMode.ADAPTIVE, protocol, 1,
                        clients);
                table.row(protocol.label(), clients, rate(off), rate(fixed), Format.times(Ratios.batchingGain(fixed, off)),
                        rate(adaptive), Format.times(Ratios.batchingGain(adaptive, off)),
                        adaptive.map(c -> Format.oneDecimal(c.effectiveBatch())).orElse(Format.MISSING));
            }
        }
        out.append("## Batching on ÷ off, single-row requests (mlp)\n\n").append(table.render()).append('\n');
    }

    private void profileSection(StringBuilder out, ProfiledCell profile) {
        out.append("## Profile: ").append(profile.spec().describe()).append("\n\n")
                .append(Format.rate(profile.result().rowsPerSecond())).append(" rows/s, ")
                .append(Format.rate(profile.result().requestsPerSecond())).append(" req/s under JFR. Recording: `")
                .append(profile.recording()).append("`.\n\n");
        double cpuTotal = profile.threadCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        double seconds = profile.result().seconds();
        MarkdownTable threads = new MarkdownTable("server thread group", "what it runs", ">cores",
                ">share of server CPU");
        profile.threadCpuSeconds().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(10).forEach(e -> threads.row("`" + e.getKey() + "`", threadGroup(e.getKey()),
                        Format.oneDecimal(e.getValue() / seconds), Format.percent(e.getValue() / cpuTotal)));
        out.append("CPU by server thread group (from /proc; includes TensorFlow's native threads):\n\n")
                .append(threads.render()).append('\n');
        long samples = profile.jfr().samples();
        MarkdownTable categories = new MarkdownTable("JFR execution samples by activity", ">samples", ">share");
        for (Map.Entry<StackCategory, Long> e : profile.jfr().categories().entrySet()) {
            categories.row(e.getKey().label(), e.getValue(), Format.percent(e.getValue() / (double) samples));
        }
        out.append("Java execution samples (jdk.ExecutionSample, ").append(samples)
                .append(" in all), by the first non-JDK frame of each stack:\n\n").append(categories.render())
                .append('\n');
        MarkdownTable frames = new MarkdownTable("top frame", ">samples", ">share");
        profile.jfr().topFrames().forEach((frame, count) -> frames.row("`" + frame + "`", count,
                Format.percent(count / (double) samples)));
        out.append(frames.render()).append('\n');
    }

    private static String threadGroup(String group) {
        if (group.startsWith("batch-")) {
            return "batch threads: stack requests, run the session, slice and encode answers";
        }
        return THREAD_GROUPS.getOrDefault(group, "");
    }

    private static String rate(Optional<ServerCell> cell) {
        return cell.map(c -> Format.rate(c.result().rowsPerSecond())).orElse(Format.MISSING);
    }

    private static String repetitions(ServerCell cell) {
        return cell.repetitionRowsPerSecond().stream().map(Format::rate).collect(Collectors.joining(" / "));
    }
}
