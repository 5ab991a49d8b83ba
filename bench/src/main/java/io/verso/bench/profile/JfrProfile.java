package io.verso.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Starts and stops a JFR recording in another JVM with {@code jcmd} (the {@code profile} settings: Java stacks
 * sampled every 10 ms), and summarises its {@code jdk.ExecutionSample} events, the same events
 * {@code jfr print --events jdk.ExecutionSample} prints.
 */
public final class JfrProfile {

    private static final String RECORDING = "verso-bench";

    private JfrProfile() {
    }

    public static void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    public static void stop(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
    }

    /**
     * Java execution samples by category and by top frame.
     *
     * @param samples execution samples in all
     * @param categories samples per category, largest first
     * @param topFrames samples per top frame (class.method), the largest {@code limit}
     */
    public record Summary(long samples, Map<StackCategory, Long> categories, Map<String, Long> topFrames) {
    }

    public static Summary summarise(Path file, int limit) throws IOException {
        Map<StackCategory, Long> categories = new EnumMap<>(StackCategory.class);
        Map<String, Long> frames = new HashMap<>();
        long samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                List<RecordedFrame> stack = event.getStackTrace().getFrames();
                if (stack.isEmpty()) {
                    continue;
                }
                samples++;
                List<String> classes = new ArrayList<>(stack.size());
                stack.forEach(frame -> classes.add(frame.getMethod().getType().getName()));
                categories.merge(StackCategory.of(classes), 1L, Long::sum);
                RecordedFrame top = stack.get(0);
                frames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            }
        }
        return new Summary(samples, largestFirst(categories, Integer.MAX_VALUE), largestFirst(frames, limit));
    }

    static <K> Map<K, Long> largestFirst(Map<K, Long> counts, int limit) {
        Map<K, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<K, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        args.add(Long.toString(pid));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
    }
}
