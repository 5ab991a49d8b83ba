package io.verso.bench.model;

import io.verso.demo.HalfPlusTwoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The model repository the benchmark serves: {@code <root>/<model>/<version>/}. A version is exported into a hidden
 * sibling and renamed into place, so an interrupted run never leaves a half-written model that a later run (or a
 * server polling the directory) would take for a complete one.
 */
public final class ModelRepository {

    /** Exports a SavedModel into an existing, empty directory. */
    @FunctionalInterface
    interface Export {
        void into(Path directory) throws IOException;
    }

    private final Path root;

    private ModelRepository(Path root) {
        this.root = root;
    }

    /** Writes both benchmark models under {@code root} (already present ones are kept). */
    public static ModelRepository prepare(Path root) throws IOException {
        MlpModel.writeTo(root);
        HalfPlusTwoModel.writeTo(root);
        return new ModelRepository(root);
    }

    public Path basePath(String model) {
        return root.resolve(model);
    }

    public Path versionDirectory(String model, long version) {
        return basePath(model).resolve(Long.toString(version));
    }

    static Path write(Path root, String name, long version, Export export) throws IOException {
        Path target = root.resolve(name).resolve(Long.toString(version));
        if (Files.isRegularFile(target.resolve("saved_model.pb"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(Files.createDirectories(target.getParent()), "." + version + "-");
        try {
            export.into(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            if (Files.exists(staging)) {
                try (Stream<Path> paths = Files.walk(staging)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
    }
}
