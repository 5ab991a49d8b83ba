package io.verso.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command sees of the process around it: its output streams, environment, home directory and whether a
 * person watches (which turns on the upload progress bar). Tests pass their own.
 *
 * @param interactive true when the output goes to a terminal rather than a pipe or file
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Path home, boolean interactive) {

    static Terminal system() {
        return new Terminal(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                Path.of(System.getProperty("user.home")), isTerminal());
    }

    /**
     * Up to JDK 21 a console exists only for a terminal; from JDK 22 it always may, and {@code Console.isTerminal()}
     * (not in Java 17's API, hence reflection) tells.
     */
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
