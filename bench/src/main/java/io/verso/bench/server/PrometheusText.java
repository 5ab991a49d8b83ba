package io.verso.bench.server;

/**
 * Reads sample values out of Prometheus' text exposition format, enough for the batch-size summary: the sum of the
 * samples of one metric whose labels contain a given label pair.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum over all samples of {@code metric} carrying {@code label="value"}; 0 when there are none. */
    public static double sum(String exposition, String metric, String label, String value) {
        String labelPair = label + "=\"" + value + "\"";
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
            if (!name.equals(metric) || space < 0) {
                continue;
            }
            String labels = brace < 0 ? "" : line.substring(brace, line.lastIndexOf('}') + 1);
            if (labels.contains(labelPair)) {
                total += Double.parseDouble(line.substring(space + 1).trim());
            }
        }
        return total;
    }
}
