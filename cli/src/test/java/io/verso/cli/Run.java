package io.verso.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

    /** Starts {@code verso} on its own thread, for the commands that run until something happens. */
    public Background background(String... args) {
        return new Background(args);
    }

    public final class Background {

        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        private final Thread thread;

        private Background(String[] args) {
            Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                    Map.copyOf(env), home, false);
            thread = new Thread(() -> exitCode.complete(Verso.execute(terminal, args)), "verso-" + args[0]);
            thread.setDaemon(true);
            thread.start();
        }

        /** What it printed so far. */
        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        public CompletableFuture<Integer> exitCode() {
            return exitCode;
        }

        /** Interrupts it, as the end of a person's interest would, and waits for it to end. */
        public int stop() throws Exception {
            thread.interrupt();
            return exitCode.get(30, TimeUnit.SECONDS);
        }
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
