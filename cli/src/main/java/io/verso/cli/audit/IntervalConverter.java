package io.verso.cli.audit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** {@code 500ms}, {@code 2s} or {@code 1m}: how often {@code watch} and {@code audit --follow} ask the registry. */
final class IntervalConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,6})(ms|s|m)");

    @Override
    public Duration convert(String value) {
        Matcher matcher = INTERVAL.matcher(value.strip());
        if (!matcher.matches()) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an interval such as 500ms, 2s or 1m");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration interval = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (interval.toMillis() < 100) {
            throw new CommandLine.TypeConversionException("an interval under 100ms would flood the registry");
        }
        return interval;
    }
}
