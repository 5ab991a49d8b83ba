package io.verso.inference.testsupport;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.demo.SimpleModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The demo models of the {@code demo-models} module, written once per test JVM into one temporary model repository
 * (not a per-class {@code @TempDir}) because Spring caches application contexts across test classes: a cached
 * context must never point at a directory an earlier class has deleted.
 */
public final class DemoModelRepository {

    private static final ModelRepository REPOSITORY = new ModelRepository();

    private DemoModelRepository() {
    }

    /** The base path of Triton's {@code simple} add/sub model (version 1). */
    public static synchronized Path simple() {
        try {
            SimpleModel.writeTo(REPOSITORY.root());
            return SimpleModel.basePath(REPOSITORY.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simple demo model", e);
        }
    }

    /** The base path of {@code half_plus_two} (version 1), exported with TensorFlow Java. */
    public static synchronized Path halfPlusTwo() {
        try {
            HalfPlusTwoModel.writeTo(REPOSITORY.root());
            return HalfPlusTwoModel.basePath(REPOSITORY.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the half_plus_two demo model", e);
        }
    }
}
