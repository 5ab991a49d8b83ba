package io.verso.demo;

import io.verso.demo.iris.IrisModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * Writes every demo model ({@code simple}, {@code half_plus_two}, {@code iris} versions 1 and 2, trained on the
 * spot) into a model repository directory, laid out as TensorFlow Serving's
 * {@code <root>/<model>/<version>/}. Safe to run on every start of the local stack: models already present are
 * left alone.
 *
 * <p>Usage: {@code java -cp demo-models.jar:<tensorflow jars> io.verso.demo.DemoModels <output directory>}
 */
public final class DemoModels {

    private DemoModels() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DemoModels <output directory>");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        report(SimpleModel.writeTo(root), SimpleModel.versionDirectory(root));
        report(HalfPlusTwoModel.writeTo(root), HalfPlusTwoModel.versionDirectory(root));
        for (long version : new TreeSet<>(IrisModel.VERSIONS.keySet())) {
            report(IrisModel.writeTo(root, version), IrisModel.versionDirectory(root, version));
        }
    }

    private static void report(boolean written, Path version) {
        System.out.println((written ? "wrote " : "already present: ") + version);
    }
}
