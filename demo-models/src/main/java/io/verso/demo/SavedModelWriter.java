package io.verso.demo;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;

/**
 * Writes one version of a demo model into a TensorFlow Serving style repository, {@code <root>/<name>/<version>/},
 * without ever exposing a half-written version: the export goes to a hidden sibling directory first and is then
 * renamed into place, because a server polling the base path loads any numbered directory holding a
 * {@code saved_model.pb}. If another process wins the rename, its copy is kept.
 */
public final class SavedModelWriter {

    /** Exports a SavedModel into an existing, empty directory. */
    @FunctionalInterface
    public interface Export {
        void into(Path directory) throws IOException;
    }

    private SavedModelWriter() {
    }

    static final String SERVE_TAG = "serve";
    public static final String SIGNATURE_KEY = "serving_default";
    public static final String PREDICT_METHOD = "tensorflow/serving/predict";

    /** Exports {@code graph} with one predict signature, {@code serving_default}, under the tag {@code serve}. */
    static void exportPredict(Path directory, Graph graph, Signature.Builder signature) throws IOException {
        export(directory, graph, signature.key(SIGNATURE_KEY).methodName(PREDICT_METHOD).build());
    }

    /** Exports {@code graph} with the given signatures under the tag {@code serve}. */
    public static void export(Path directory, Graph graph, Signature... signatures) throws IOException {
        try (Session session = new Session(graph)) {
            SavedModelBundle.exporter(directory.toString())
                    .withTags(SERVE_TAG)
                    .withSession(session)
                    .withSignatures(signatures)
                    .export();
        }
    }

    public static Path versionDirectory(Path root, String name, long version) {
        return root.resolve(name).resolve(Long.toString(version));
    }

    /** @return true when this call wrote the version, false when it was already present */
    public static boolean write(Path root, String name, long version, Export export) throws IOException {
        Path target = versionDirectory(root, name, version);
        if (Files.isRegularFile(target.resolve("saved_model.pb"))) {
            return false;
        }
        Path base = Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(base, "." + version + "-");
        try {
            export.into(staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            return true;
        } catch (IOException e) {
            if (Files.isRegularFile(target.resolve("saved_model.pb"))) {
                return false;
            }
            throw e;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
