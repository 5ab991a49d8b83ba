package io.verso.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** One object shown as aligned {@code key  value} lines; null values show as {@code -}. */
public final class KeyValues {

    private final List<String[]> lines = new ArrayList<>();

    public KeyValues add(String key, Object value) {
        lines.add(new String[] {key, Text.or(value)});
        return this;
    }

    public void print(PrintWriter out) {
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.println(line[0] + " ".repeat(width - line[0].length() + 2) + line[1]);
        }
        out.flush();
    }
}
