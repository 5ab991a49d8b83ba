package io.verso.bench.report;

import io.verso.bench.inprocess.InProcessLimit;
import io.verso.bench.inprocess.InProcessResult;
import io.verso.bench.load.Protocol;
import io.verso.bench.profile.StackCategory;
import io.verso.bench.server.BatchingMode;
import io.verso.bench.suite.CellResult;
import io.verso.bench.suite.Cells;
import io.verso.bench.suite.CostSuite;
import io.verso.bench.suite.ProfiledCell;
import io.verso.bench.suite.Target;
import io.verso.bench.suite.Warmup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Writes the generated section of {@code docs/benchmarks.md} from one run's results. */
public final class ReportWriter {

    /** What a server's thread groups do; thread names come from /proc, cut by Linux at 15 characters. */
    private static final Map<String, String> THREAD_GROUPS = Map.ofEntries(
            Map.entry("model-loader", "TensorFlow's native compute pool (its threads inherit the name of the thread "
                    + "that created the first session) and the model loader"),
            Map.entry("inference", "data-plane executor: decode, validate, run the session (no batching), encode"),
            Map.entry("reactor-http-ep", "Netty event loops (Reactor Netty, REST)"),
            Map.entry("grpc-default-wo", "gRPC's Netty event loops"),
            Map.entry("parallel", "Reactor parallel scheduler"),
            Map.entry("C2 CompilerThre", "JIT compiler"),
            Map.entry("C1 CompilerThre", "JIT compiler"),
            Map.entry("GC Thread", "garbage collector"),
            Map.entry("G1 Conc", "garbage collector"));

    private final RunInfo run;
    private final List<InProcessResult> inProcess;
    private final InProcessLimit limit;
    private final CostSuite.Outcome outcome;
    private final Ratios ratios;

    public ReportWriter(RunInfo run, List<InProcessResult> inProcess, InProcessLimit limit, CostSuite.Outcome outcome) {
        this.run = run;
        this.inProcess = inProcess;
        this.limit = limit;
        this.outcome = outcome;
        this.ratios = new Ratios(outcome.cells());
    }

    public String markdown() {
        StringBuilder out = new StringBuilder();
        runSection(out);
        headlineSection(out);
        costSection(out);
        cellsSection(out);
        inProcessSection(out);
        outcome.profiles().forEach(profile -> profileSection(out, profile));
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
                .append("- load generators: `wrk` (HTTP/1.1) and `h2load` (gRPC over HTTP/2), Debian's, on the same "
                        + "two cores as the servers; each connection is a closed loop\n")
                .append("- transport ceilings answer `").append(outcome.ceilingAnswer())
                .append("`, the pod's own answer to the half_plus_two single-row TF Serving request\n")
                .append("- load average (1/5/15 min) before: ").append(run.loadBefore()).append("; after: ")
                .append(run.loadAfter()).append('\n')
                .append("- suite wall time: ").append(Format.rate(run.wallSeconds())).append(" s\n\n");
        MarkdownTable warmups = new MarkdownTable("server", ">warm-up s", ">last two slices (req/s)",
                ">JIT in last slice (cores)", "stable");
        for (Warmup w : outcome.warmups()) {
            warmups.row(w.server(), Format.rate(w.seconds()), Format.rate(w.lastRequestsPerSecond()[0]) + " / "
                    + Format.rate(w.lastRequestsPerSecond()[1]), Format.ratio(w.jitCores()),
                    w.stable() ? "yes" : "no: cap reached");
        }
        out.append("Every server was loaded on each of its requests in turn for at least the warm-up, then on its "
                        + "first request in 5 s slices until two in a row agreed within 3 % with its JIT compilers "
                        + "below 0.05 cores:\n\n")
                .append(warmups.render()).append('\n');
    }

    private void headlineSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("ratio", "cells", ">goal", ">measured", "verdict");
        Optional<CellResult> nginx = find(Target.NGINX, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        Optional<CellResult> netty = find(Target.NETTY, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        Optional<CellResult> podOn = find(Target.POD_ON, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        Optional<CellResult> podOff = find(Target.POD_OFF, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        double cost = Ratios.throughput(podOn, nginx);
        table.row("serving cost: pod ÷ nginx", "half_plus_two, TF Serving JSON, single rows, 64 connections, "
                        + "batching on: " + rate(podOn) + " vs. " + rate(nginx) + " req/s",
                "≥ " + Format.ratio(Ratios.SERVING_COST_GOAL), Format.ratio(cost),
                Ratios.atLeast(cost, Ratios.SERVING_COST_GOAL));
        table.row("(diagnostic) pod ÷ nginx, batching off", "the same, batching off: " + rate(podOff) + " req/s",
                "–", Format.ratio(Ratios.throughput(podOff, nginx)), "not a goal");
        table.row("(diagnostic) pod ÷ bare Reactor Netty", "batching on / off vs. " + rate(netty) + " req/s", "–",
                Format.ratio(Ratios.throughput(podOn, netty)) + " / " + Format.ratio(Ratios.throughput(podOff, netty)),
                "not a goal");

        Optional<CellResult> big = find(Target.POD_OFF, Cells.MLP, Protocol.V2_BINARY, Cells.BIG_REQUEST, Cells.FEW);
        double inProcessRows = limit.rowsPerSecond(Cells.MLP, Cells.BIG_REQUEST);
        double server = big.map(c -> c.rowsPerSecond() / inProcessRows).orElse(Double.NaN);
        table.row("server ÷ in-process", "mlp, V2 binary, 32-row requests, 8 connections, batching off: "
                        + big.map(c -> Format.rate(c.rowsPerSecond())).orElse(Format.MISSING)
                        + " rows/s vs. in-process batch 32: " + Format.rate(inProcessRows) + " rows/s",
                "≥ " + Format.ratio(Ratios.SERVER_GOAL), Format.ratio(server), Ratios.atLeast(server, Ratios.SERVER_GOAL));
        Optional<CellResult> bigGrpc = find(Target.POD_OFF, Cells.MLP, Protocol.TFSERVING_GRPC, Cells.BIG_REQUEST,
                Cells.FEW);
        table.row("(diagnostic) server ÷ in-process, gRPC", "the same over gRPC: " + bigGrpc.map(c ->
                        Format.rate(c.rowsPerSecond())).orElse(Format.MISSING) + " rows/s", "–",
                Format.ratio(bigGrpc.map(c -> c.rowsPerSecond() / inProcessRows).orElse(Double.NaN)), "not a goal");

        Optional<CellResult> batchOn = find(Target.POD_ON, Cells.MLP, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        Optional<CellResult> batchOff = find(Target.POD_OFF, Cells.MLP, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        double gain = Ratios.throughput(batchOn, batchOff);
        table.row("batching on ÷ off", "mlp, TF Serving JSON, single rows, 64 connections: " + rate(batchOn)
                        + " vs. " + rate(batchOff) + " req/s (mean batch "
                        + batchOn.map(c -> Format.oneDecimal(c.meanBatch())).orElse(Format.MISSING) + ")",
                "≥ " + Format.times(Ratios.BATCHING_GOAL), Format.times(gain), Ratios.atLeast(gain, Ratios.BATCHING_GOAL));
        double modelMs = modelMillis(BatchingMode.MAX_ROWS);
        double p99Bound = BatchingMode.TIMEOUT_MS + 2 * modelMs;
        double p99 = batchOn.map(c -> c.median().p99Ms()).orElse(Double.NaN);
        table.row("batching on: p99", "the same cell; bound = batch timeout 5 ms + 2 × in-process p50 at 64 rows ("
                        + Format.millis(modelMs) + " ms)", "≤ " + Format.millis(p99Bound) + " ms",
                Format.millis(p99) + " ms", Ratios.atMost(p99, p99Bound));

        Optional<CellResult> gateway = find(Target.GATEWAY, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        double gatewayRatio = Ratios.throughput(gateway, podOff);
        table.row("gateway ÷ direct", "half_plus_two, TF Serving JSON, 64 connections: " + rate(gateway) + " vs. "
                        + rate(podOff) + " req/s", "≥ " + Format.ratio(Ratios.GATEWAY_GOAL), Format.ratio(gatewayRatio),
                Ratios.atLeast(gatewayRatio, Ratios.GATEWAY_GOAL));
        Optional<CellResult> gatewayOne = find(Target.GATEWAY, Cells.H2T, Protocol.TFSERVING_JSON, 1, 1);
        Optional<CellResult> directOne = find(Target.POD_OFF, Cells.H2T, Protocol.TFSERVING_JSON, 1, 1);
        double added = gatewayOne.isPresent() && directOne.isPresent()
                ? gatewayOne.get().median().p50Ms() - directOne.get().median().p50Ms() : Double.NaN;
        table.row("gateway: added p50", "the same, 1 connection: p50 " + p50(gatewayOne) + " vs. " + p50(directOne)
                        + " ms", "≤ " + Format.millis(Ratios.GATEWAY_ADDED_P50_MS) + " ms", Format.millis(added) + " ms",
                Ratios.atMost(added, Ratios.GATEWAY_ADDED_P50_MS));
        table.row("(diagnostic) gateway ÷ direct at 1 connection", "req/s " + rate(gatewayOne) + " vs. "
                + rate(directOne), "–", Format.ratio(Ratios.throughput(gatewayOne, directOne)), "not a goal");
        Optional<CellResult> gatewayGrpc = find(Target.GATEWAY, Cells.H2T, Protocol.TFSERVING_GRPC, 1, Cells.MANY);
        Optional<CellResult> directGrpc = find(Target.POD_OFF, Cells.H2T, Protocol.TFSERVING_GRPC, 1, Cells.MANY);
        table.row("(diagnostic) gateway ÷ direct, gRPC", "half_plus_two Predict, 64 connections: "
                        + rate(gatewayGrpc) + " vs. " + rate(directGrpc) + " req/s", "–",
                Format.ratio(Ratios.throughput(gatewayGrpc, directGrpc)), "not a goal");
        for (int connections : List.of(1, Cells.MANY)) {
            Optional<CellResult> traced = find(Target.POD_TRACED, Cells.H2T, Protocol.TFSERVING_JSON, 1, connections);
            Optional<CellResult> plain = find(Target.POD_OFF, Cells.H2T, Protocol.TFSERVING_JSON, 1, connections);
            table.row("(diagnostic) tracing on ÷ off", "half_plus_two, TF Serving JSON, " + connections
                            + " connection(s), every request sampled and exported: " + rate(traced) + " vs. "
                            + rate(plain) + " req/s", "–", Format.ratio(Ratios.throughput(traced, plain)),
                    "not a goal");
        }
        out.append("## Headline ratios\n\n").append(table.render()).append('\n')
                .append("Each cell is the median of its repetitions (all listed under *Cells*).\n\n");
    }

    /** In-process p50 of one call at {@code rows}, the better thread count, interpolated between measured sizes. */
    private double modelMillis(int rows) {
        return inProcess.stream().filter(r -> r.model().equals(Cells.MLP) && r.batchSize() == rows)
                .mapToDouble(r -> r.latency().p50Ms()).min().orElse(Double.NaN);
    }

    private void costSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("target", "protocol", ">connections", ">req/s", ">CPU µs per request",
                ">÷ nginx req/s");
        Optional<CellResult> nginx = find(Target.NGINX, Cells.H2T, Protocol.TFSERVING_JSON, 1, Cells.MANY);
        outcome.cells().stream().filter(c -> c.cell().model().equals(Cells.H2T) && c.cell().rows() == 1)
                .forEach(c -> table.row(c.cell().target().label(), c.cell().protocol().label(),
                        c.cell().connections(), Format.rate(c.requestsPerSecond()), cpu(c),
                        Format.ratio(Ratios.throughput(Optional.of(c), nginx))));
        out.append("## Serving cost per request (half_plus_two, single rows)\n\n")
                .append("CPU per request is each server process's user + system time from `/proc` over the measured "
                        + "phase, divided by the answers counted; through the gateway it is listed per process.\n\n")
                .append(table.render()).append('\n');
    }

    private void cellsSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("target", "model", "protocol", ">rows", ">conn.", ">req/s",
                "repetitions (req/s)", ">rows/s", ">p50 ms", ">p99 ms", ">mean ms", ">mean batch", ">CPU µs/req",
                ">machine busy cores", ">errors", "load generator");
        for (CellResult c : outcome.cells()) {
            table.row(c.cell().target().label(), c.cell().model(), c.cell().protocol().label(), c.cell().rows(),
                    c.cell().connections(), Format.rate(c.requestsPerSecond()),
                    c.repetitions().stream().map(Format::rate).collect(Collectors.joining(" / ")),
                    Format.rate(c.rowsPerSecond()), Format.millis(c.median().p50Ms()),
                    Format.millis(c.median().p99Ms()), Format.millis(c.median().meanMs()),
                    Format.oneDecimal(c.meanBatch()), cpu(c), Format.oneDecimal(c.machineBusyCores()),
                    c.median().errors(), c.median().tool());
        }
        out.append("## Cells\n\n").append(table.render()).append('\n')
                .append("h2load reports no percentiles, so gRPC cells show the mean only. Errors are non-2xx answers "
                        + "and socket errors; gRPC answers are checked with grpc-java before and after each cell.\n\n");
    }

    private void inProcessSection(StringBuilder out) {
        MarkdownTable table = new MarkdownTable("model", ">batch", ">threads", ">rows/s", ">calls/s", ">p50 ms",
                ">p99 ms", ">CPU cores", ">rows per CPU-s");
        inProcess.forEach(r -> table.row(r.model(), r.batchSize(), r.threads(), Format.rate(r.rowsPerSecond()),
                Format.rate(r.callsPerSecond()), Format.millis(r.latency().p50Ms()),
                Format.millis(r.latency().p99Ms()), Format.oneDecimal(r.cores()), Format.rate(r.rowsPerCpuSecond())));
        out.append("## In-process limit (TensorFlow Java session, no server)\n\n").append(table.render())
                .append("\nThe SavedModel's session called directly, with the same tensor copies the server makes. The "
                        + "limit a server cell is divided by is the better of the two thread counts.\n\n");
    }

    private void profileSection(StringBuilder out, ProfiledCell profile) {
        out.append("## Profile: ").append(profile.server()).append(" — ").append(profile.cell().describe())
                .append("\n\n").append(Format.rate(profile.run().requestsPerSecond()))
                .append(" req/s under JFR. Recording: `").append(profile.recording()).append("`.\n\n");
        double cpuTotal = profile.threadCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        double seconds = profile.run().seconds();
        double requests = profile.run().requests();
        MarkdownTable threads = new MarkdownTable("thread group", "what it runs", ">cores", ">µs per request",
                ">share of CPU");
        profile.threadCpuSeconds().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(10).forEach(e -> threads.row("`" + e.getKey() + "`", threadGroup(e.getKey()),
                        Format.oneDecimal(e.getValue() / seconds), Format.rate(e.getValue() / requests * 1e6),
                        Format.percent(e.getValue() / cpuTotal)));
        out.append("CPU by thread group (from /proc; includes TensorFlow's native threads):\n\n")
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

    private Optional<CellResult> find(Target target, String model, Protocol protocol, int rows, int connections) {
        return ratios.find(target, model, protocol, rows, connections);
    }

    private static String cpu(CellResult c) {
        return c.cpuMicrosPerRequest().entrySet().stream()
                .map(e -> (c.cpuMicrosPerRequest().size() > 1 ? e.getKey() + " " : "") + Format.rate(e.getValue()))
                .collect(Collectors.joining(" + "));
    }

    private static String rate(Optional<CellResult> cell) {
        return cell.map(c -> Format.rate(c.requestsPerSecond())).orElse(Format.MISSING);
    }

    private static String p50(Optional<CellResult> cell) {
        return cell.map(c -> Format.millis(c.median().p50Ms())).orElse(Format.MISSING);
    }

    private static String threadGroup(String group) {
        if (group.startsWith("batch-")) {
            return "batch threads: stack requests, run the session, slice and encode answers";
        }
        return THREAD_GROUPS.getOrDefault(group, "");
    }
}
