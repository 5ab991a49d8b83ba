package io.verso.registry.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How the console's templates write times, sizes and digests ({@code ${@consoleFormat.time(...)}}); UTC throughout. */
@Component("consoleFormat")
class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
    public String ago(Instant at) {
        if (at == null) {
            return "—";
        }
        long seconds = Math.max(0, Duration.between(at, Instant.now()).toSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        return seconds < 86_400 ? seconds / 3600 + " h ago" : seconds / 86_400 + " d ago";
    }

    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The first 12 hex digits, as a reader compares digests; the page shows the whole one on hover. */
    public String shortDigest(String sha256) {
        return sha256 == null ? "—" : sha256.length() <= 12 ? sha256 : sha256.substring(0, 12) + "…";
    }

    public String number(Double value, int decimals) {
        return value == null ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
