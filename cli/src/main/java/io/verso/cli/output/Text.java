package io.verso.cli.output;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Small conversions of the registry's JSON values into what a table cell shows. */
public final class Text {

    private Text() {
    }

    /** The value as text, {@code -} when null. */
    public static String or(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** A field of a JSON object as text, {@code null} when absent or JSON null. */
    public static String field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    /** 1536 → {@code 1.5 KiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The first 12 hex digits, as {@code git} abbreviates: enough to tell versions apart in a table. */
    public static String shortSha(String sha256) {
        return sha256 == null || sha256.length() <= 12 ? sha256 : sha256.substring(0, 12);
    }
}
