package io.verso.bench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 load from <a href="https://github.com/wg/wrk">wrk</a> (Debian's {@code wrk}): every connection sends the
 * request, waits for the answer and sends it again (closed loop), on at most two threads, the cores of the bench
 * machine. The request body is read from a file by a Lua script, so any bytes (binary V2 tensors too) go out
 * unchanged. Latency percentiles are wrk's own (not corrected for coordinated omission; a closed loop has none to
 * correct at a fixed connection count).
 */
public final class Wrk {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([0-9.]+\\w+),");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+(\\S+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern MEAN = Pattern.compile("^\\s+Latency\\s+(\\S+)", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private final Path scripts;

    /** @param scripts a directory for the request bodies and Lua scripts */
    public Wrk(Path scripts) {
        this.scripts = scripts;
    }

    public static boolean available() {
        return ExternalCommand.available("wrk");
    }

    public LoadRun run(Request request, int connections, Duration duration) throws IOException, InterruptedException {
        Path script = script(request);
        int threads = Math.min(2, connections);
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "10s", "--latency", "-s", script.toString(),
                request.uri().toString());
        String output = ExternalCommand.run(command, duration.toSeconds() + 60);
        return parse(output, "wrk " + threads + " threads, " + connections + " connections");
    }

    static LoadRun parse(String output, String tool) {
        Matcher requests = REQUESTS.matcher(output);
        if (!requests.find()) {
            throw new IllegalStateException("wrk printed no request count:\n" + output);
        }
        long count = Long.parseLong(requests.group(1));
        double seconds = Durations.millis(requests.group(2)) / 1000;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentiles = PERCENTILE.matcher(output);
        while (percentiles.find()) {
            double value = Durations.millis(percentiles.group(2));
            if (percentiles.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        Matcher mean = MEAN.matcher(output);
        long errors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        return new LoadRun(tool, count, seconds, count / seconds, p50, p99,
                mean.find() ? Durations.millis(mean.group(1)) : Double.NaN, errors);
    }

    /** The Lua script that sends the request's method, headers and body; one pair of files per distinct request. */
    private Path script(Request request) throws IOException {
        String name = "wrk-" + Integer.toHexString(request.uri().hashCode()) + "-"
                + Integer.toHexString(java.util.Arrays.hashCode(request.body())) + "-"
                + Integer.toHexString(request.headers().hashCode());
        Path body = scripts.resolve(name + ".body");
        Path script = scripts.resolve(name + ".lua");
        if (!Files.exists(script)) {
            Files.createDirectories(scripts);
            Files.write(body, request.body());
            List<String> lines = new ArrayList<>();
            lines.add("local file = assert(io.open([[" + body.toAbsolutePath() + "]], \"rb\"))");
            lines.add("wrk.method = \"POST\"");
            lines.add("wrk.body = file:read(\"*a\")");
            lines.add("file:close()");
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                lines.add("wrk.headers[\"" + header.getKey() + "\"] = \"" + header.getValue() + "\"");
            }
            Files.write(script, lines);
        }
        return script;
    }
}
