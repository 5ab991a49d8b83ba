package io.verso.bench.report;

import java.util.Locale;

/** Number formats of the report; a missing value (NaN) prints as an en dash rather than as "NaN" or a fake 0. */
public final class Format {

    static final String MISSING = "–";

    private Format() {
    }

    /** Throughput: whole numbers with thousands separators. */
    public static String rate(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : MISSING;
    }

    /** Milliseconds: two decimals below 10, one below 100, none above. */
    public static String millis(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        String pattern = value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** A ratio such as 0.87 or 5.3×, two significant decimals. */
    public static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : MISSING;
    }

    public static String times(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f×", value) : MISSING;
    }

    public static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", fraction * 100) : MISSING;
    }

    public static String oneDecimal(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.1f", value) : MISSING;
    }
}
