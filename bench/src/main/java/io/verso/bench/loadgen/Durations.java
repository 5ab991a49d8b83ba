package io.verso.bench.loadgen;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the durations wrk and h2load print ("635.00us", "1.23ms", "2.00s", "1.5m") as milliseconds. */
final class Durations {

    private static final Pattern VALUE = Pattern.compile("([0-9.]+)(us|ms|s|m)");

    private Durations() {
    }

    static double millis(String text) {
        Matcher m = VALUE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
