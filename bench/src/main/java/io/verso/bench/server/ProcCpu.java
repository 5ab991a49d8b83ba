package io.verso.bench.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process and of its threads from Linux's {@code /proc}. JFR samples Java frames only, while most of
 * a TensorFlow call runs on TensorFlow's own native threads; per-thread CPU sees both, so together they say where
 * the time goes. Linux only; elsewhere every reading is empty.
 */
public final class ProcCpu {

    /** Clock ticks per second of {@code /proc} times: USER_HZ, 100 on every mainstream Linux build. */
    static final double TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** User plus system CPU seconds the process has used, or NaN when unreadable. */
    public static double processSeconds(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of the process and every process it started (nginx's workers), or NaN when unreadable. A child
     * that has exited is not counted, so read it while the children run.
     */
    public static double treeSeconds(long pid) {
        double total = processSeconds(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
            total += processSeconds(child.pid());
        }
        return total;
    }

    /**
     * Busy CPU seconds of the whole machine (every core's user, nice, system, irq and softirq time from
     * {@code /proc/stat}), or NaN when unreadable: with the server's own CPU it shows what the load generator used.
     */
    public static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds per thread group (thread name with its trailing numbering removed). */
    public static Map<String, Double> threadGroupSeconds(long pid) {
        Map<String, Double> groups = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    groups.merge(group(name(stat)), ticks(stat) / TICKS_PER_SECOND, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended between listing and reading.
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return groups;
    }

    /** The differences {@code after - before} per key, dropping keys that used no time. */
    public static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new HashMap<>();
        after.forEach((key, value) -> {
            double used = value - before.getOrDefault(key, 0.0);
            if (used > 0) {
                delta.put(key, used);
            }
        });
        return delta;
    }

    /** The thread name: between the first '(' and the last ')', since the name itself may contain both. */
    static String name(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** utime + stime, fields 14 and 15 of the stat line; counted after the name, which may contain spaces. */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Threads of one pool share a name up to their number ("inference-1", "GC Thread#0", "reactor-http-nio-2");
     * Linux truncates names to 15 characters, which this keeps.
     */
    static String group(String threadName) {
        String group = threadName.replaceAll("[-#_ ]?\\d+$", "");
        return group.isEmpty() ? threadName : group;
    }
}
