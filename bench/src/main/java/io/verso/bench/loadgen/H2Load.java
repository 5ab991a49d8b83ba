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
 * HTTP/2 load from nghttp2's {@code h2load} (Debian's {@code nghttp2-client}), used for gRPC: a unary gRPC call is
 * an HTTP/2 POST of a length-prefixed message with {@code content-type: application/grpc}. One stream at a time per
 * connection ({@code -m 1}), so it is the same closed loop as {@link Wrk}. h2load sees HTTP statuses only, and a
 * gRPC error is an HTTP 200 with a {@code grpc-status} trailer: the suite checks the answers with a gRPC client
 * before and after each cell instead. h2load reports mean latency, not percentiles.
 */
public final class H2Load {

    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+\\w+), ([0-9.]+) req/s");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored");
    private static final Pattern TIME_FOR_REQUEST = Pattern.compile("time for request:\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)");

    private final Path scripts;

    public H2Load(Path scripts) {
        this.scripts = scripts;
    }

    public static boolean available() {
        return ExternalCommand.available("h2load");
    }

    public LoadRun run(Request request, int connections, Duration duration) throws IOException, InterruptedException {
        Files.createDirectories(scripts);
        Path body = scripts.resolve("h2load-" + Integer.toHexString(java.util.Arrays.hashCode(request.body())) + ".body");
        Files.write(body, request.body());
        int threads = Math.min(2, connections);
        List<String> command = new ArrayList<>(List.of("h2load", "-t", Integer.toString(threads), "-c",
                Integer.toString(connections), "-m", "1", "-D", Long.toString(duration.toSeconds()), "-d",
                body.toString()));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            command.add("-H");
            command.add(header.getKey() + ": " + header.getValue());
        }
        command.add(request.uri().toString());
        String output = ExternalCommand.run(command, duration.toSeconds() + 60);
        return parse(output, "h2load " + threads + " threads, " + connections + " connections, 1 stream each");
    }

    static LoadRun parse(String output, String tool) {
        Matcher finished = FINISHED.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        Matcher time = TIME_FOR_REQUEST.matcher(output);
        if (!finished.find() || !requests.find()) {
            throw new IllegalStateException("h2load printed no totals:\n" + output);
        }
        double seconds = Durations.millis(finished.group(1)) / 1000;
        long done = Long.parseLong(requests.group(3));
        long succeeded = Long.parseLong(requests.group(4));
        return new LoadRun(tool, done, seconds, Double.parseDouble(finished.group(2)), Double.NaN, Double.NaN,
                time.find() ? Durations.millis(time.group(3)) : Double.NaN, done - succeeded);
    }
}
