package io.verso.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code verso} in process against a given home directory and environment, capturing what it prints. */
public final class Run {

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public Run(Path home) {
        this.home = home;
    }

    public Run env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Result verso(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Verso.execute(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(env),
                home, false), args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
