package io.verso.inference.monitoring;

import java.util.Arrays;
import java.util.Optional;

/** Looks up samples in a Prometheus text scrape by name and some of their labels (others, e.g. application, may be there). */
record Scrape(String text) {

    /** The value of the first sample named {@code name} that has every {@code label=value} pair given. */
    Optional<Double> value(String name, String... labelPairs) {
        return text.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> {
                    String labels = line.substring(name.length(), line.lastIndexOf('}') + 1);
                    return Arrays.stream(pairs(labelPairs)).allMatch(labels::contains);
                })
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    private static String[] pairs(String... labelPairs) {
        String[] pairs = new String[labelPairs.length / 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = labelPairs[2 * i] + "=\"" + labelPairs[2 * i + 1] + "\"";
        }
        return pairs;
    }
}
