package io.verso.inference.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throw-away model repository on disk, built from fixtures, that tests may change while the server polls it. */
public final class ModelRepository {

    private final Path root;

    public ModelRepository() {
        try {
            root = Files.createTempDirectory("verso-models-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    TestFiles.deleteTree(root);
                } catch (IOException ignored) {
                    // Best effort: the JVM is exiting and the directory is under the system temp folder.
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Copies fixture {@code fixture} as model {@code name}; returns its base path. */
    public Path copyFixture(String fixture, String name) {
        Path target = root.resolve(name);
        try {
            TestFiles.copyTree(Fixtures.model(fixture), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
