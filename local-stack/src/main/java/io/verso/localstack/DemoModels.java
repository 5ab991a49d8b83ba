package io.verso.localstack;

import io.verso.demo.HalfPlusTwoModel;
import io.verso.demo.SimpleModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Registers the demo models in the registry, once: each is written with TensorFlow Java, uploaded as version 1 and
 * promoted; {@code half_plus_two} also gets a version 2 (the same graph, other bytes) ready for the README's
 * canary → promote → rollback walkthrough. Models already registered are left as they are.
 */
final class DemoModels {

    private final Http admin;
    private final Path directory;
    private final PrintStream out;

    DemoModels(Http admin, Path directory, PrintStream out) {
        this.admin = admin;
        this.directory = directory;
        this.out = out;
    }

    void registerAndPromote(String... names) throws IOException, InterruptedException {
        SimpleModel.writeTo(directory);
        HalfPlusTwoModel.writeTo(directory);
        for (String name : names) {
            Path version = name.equals(SimpleModel.NAME) ? SimpleModel.versionDirectory(directory)
                    : HalfPlusTwoModel.versionDirectory(directory);
            if (admin.get("/api/v1/models/" + name).status() == 404) {
                check(admin.post("/api/v1/models", "{\"name\": \"" + name + "\", \"description\": \"Verso demo\"}"),
                        "create " + name);
                check(admin.upload("/api/v1/models/" + name + "/versions", name + "-1.tar.gz",
                        ModelArchives.tarGz(version, null)), "upload " + name + " v1");
                if (name.equals(HalfPlusTwoModel.NAME)) {
                    check(admin.upload("/api/v1/models/" + name + "/versions", name + "-2.tar.gz",
                            ModelArchives.tarGz(version, "2")), "upload " + name + " v2");
                }
                out.println("[verso] registered " + name);
            }
            Http.Answer current = admin.get("/api/v1/models/" + name + "/deployment");
            JsonNode stable = current.status() == 200 ? current.json().get("stableVersion") : null;
            if (stable == null || stable.isNull()) {
                check(admin.post("/api/v1/models/" + name + "/deployment/promote", "{\"version\": 1}"),
                        "promote " + name + " v1");
                out.println("[verso] promoted " + name + " version 1");
            }
        }
    }

    private static void check(Http.Answer answer, String what) {
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException("could not " + what + ": " + answer.status() + " " + answer.body());
        }
    }
}
