package io.verso.localstack;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.demo.SimpleModel;
import io.verso.demo.iris.IrisModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;

/**
 * Registers the demo models in the registry and promotes their version 1: {@code simple} (Triton's add/sub example),
 * {@code half_plus_two} (TensorFlow Serving's first example) and {@code iris}, a classifier trained here with
 * TensorFlow Java whose version 2 — other hyper-parameters — stays registered but unrouted, ready for the README's
 * canary → promote → rollback walkthrough. Each iris version is registered with its training metadata (accuracy,
 * hyper-parameters, feature baselines). Safe on every start: versions already registered are not uploaded again and
 * a model with a stable version is not promoted again.
 */
final class DemoModels {

    /** A demo model: its name, its version directories in order, and each version's metadata JSON (or null). */
    private record Demo(String name, int versions, LongFunction<Path> directory, LongFunction<Path> metadata) {
    }

    private final Http admin;
    private final Path directory;
    private final PrintStream out;

    DemoModels(Http admin, Path directory, PrintStream out) {
        this.admin = admin;
        this.directory = directory;
        this.out = out;
    }

    void registerAndPromote() throws IOException, InterruptedException {
        SimpleModel.writeTo(directory);
        HalfPlusTwoModel.writeTo(directory);
        if (IrisModel.writeTo(directory)) {
            out.println("[verso] trained iris versions " + IrisModel.VERSIONS.keySet() + " with TensorFlow Java");
        }
        List<Demo> demos = List.of(
                new Demo(SimpleModel.NAME, 1, v -> SimpleModel.versionDirectory(directory), v -> null),
                new Demo(HalfPlusTwoModel.NAME, 1, v -> HalfPlusTwoModel.versionDirectory(directory), v -> null),
                new Demo(IrisModel.NAME, IrisModel.VERSIONS.size(), v -> IrisModel.versionDirectory(directory, v),
                        v -> IrisModel.metadataFile(directory, v)));
        for (Demo demo : demos) {
            register(demo);
            promoteFirstVersion(demo.name());
        }
    }

    private void register(Demo demo) throws IOException, InterruptedException {
        String model = "/api/v1/models/" + demo.name();
        if (admin.get(model).status() == 404) {
            check(admin.post("/api/v1/models", "{\"name\": \"" + demo.name() + "\", \"description\": \"Verso demo\"}"),
                    "create " + demo.name());
        }
        // The registry numbers versions in upload order, so uploading the missing ones in order keeps the numbers.
        for (long version = 1; version <= demo.versions(); version++) {
            if (admin.get(model + "/versions/" + version).status() != 404) {
                continue;
            }
            Path metadata = demo.metadata().apply(version);
            check(admin.upload(model + "/versions", demo.name() + "-" + version + ".tar.gz",
                    ModelArchives.tarGz(demo.directory().apply(version), null),
                    metadata == null ? null : Files.readString(metadata)), "upload " + demo.name() + " v" + version);
            out.println("[verso] registered " + demo.name() + " version " + version);
        }
    }

    private void promoteFirstVersion(String name) throws IOException, InterruptedException {
        Http.Answer current = admin.get("/api/v1/models/" + name + "/deployment");
        JsonNode stable = current.status() == 200 ? current.json().get("stableVersion") : null;
        if (stable == null || stable.isNull()) {
            check(admin.post("/api/v1/models/" + name + "/deployment/promote", "{\"version\": 1}"),
                    "promote " + name + " v1");
            out.println("[verso] promoted " + name + " version 1");
        }
    }

    private static void check(Http.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("could not " + what + ": " + answer.status() + " " + answer.body());
        }
    }
}
