package io.verso.inference.testsupport;

import io.verso.demo.SimpleModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo models of the {@code demo-models} module, written once per test JVM into a temporary model repository.
 * One directory for the whole run (not a per-class {@code @TempDir}) because Spring caches application contexts
 * across test classes: a cached context must never point at a directory an earlier class has deleted. The
 * directory is removed when the JVM exits.
 */
public final class DemoModelRepository {

    private static Path root;

    private DemoModelRepository() {
    }

    /** The base path of Triton's {@code simple} add/sub model (version 1). */
    public static synchronized Path simple() {
        try {
            SimpleModel.writeTo(root());
            return SimpleModel.basePath(root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simple demo model", e);
        }
    }

    private static Path root() throws IOException {
        if (root == null) {
            Path created = Files.createTempDirectory("verso-demo-models-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "delete-demo-models"));
            root = created;
        }
        return root;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit: the directory is under the system temp folder either way.
        }
    }
}
