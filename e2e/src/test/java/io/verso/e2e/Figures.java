package io.verso.e2e;

import io.verso.localstack.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a reliability test measured: each is printed as {@code [reliability] <test> <key>=<value>} as it is
 * recorded, and all of them, with the machine they came from, are written to
 * {@code target/reliability/<test>.json}, from which docs/reliability.md is written.
 */
final class Figures {

    private static final Path DIRECTORY = Path.of("target", "reliability");

    private final String test;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Figures(String test) {
        this.test = test;
    }

    synchronized Figures put(String key, Object value) {
        values.put(key, value);
        System.out.println("[reliability] " + test + " " + key + "=" + value);
        return this;
    }

    /** Writes what was recorded so far; called again after more figures, it rewrites the file. */
    synchronized void write() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("test", test);
        document.put("recordedAt", Instant.now().toString());
        document.put("machine", machine());
        document.put("figures", values);
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(DIRECTORY.resolve(test + ".json"),
                    Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try {
            machine.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException unknown) {
            machine.put("host", "unknown");
        }
        return machine;
    }
}
