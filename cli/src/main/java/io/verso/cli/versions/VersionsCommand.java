package io.verso.cli.versions;

import io.verso.cli.CliFailure;
import io.verso.cli.Session;
import io.verso.cli.output.KeyValues;
import io.verso.cli.output.Paging;
import io.verso.cli.output.Table;
import io.verso.cli.output.Text;
import io.verso.cli.registry.Json;
import io.verso.cli.registry.RegistryClient;
import io.verso.cli.registry.RegistryResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(name = "versions", description = "List, show and upload a model's versions.", subcommands = {
        VersionsCommand.ListVersions.class, VersionsCommand.Show.class, VersionsCommand.Upload.class})
public final class VersionsCommand {

    static String path(String model) {
        return "api/v1/models/" + RegistryClient.segment(model) + "/versions";
    }

    @Command(name = "list", description = "List a model's versions, newest first.")
    static final class ListVersions implements Runnable {

        private final Session session;

        @Parameters(paramLabel = "MODEL")
        String model;

        @Mixin
        Paging paging;

        ListVersions(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            RegistryResponse page = session.registry().get(path(model) + paging.query());
            if (session.json()) {
                session.out().println(page.body());
                return;
            }
            Table table = Table.of("VERSION", "STATUS", "FORMAT", "SIZE", "SHA256", "CREATED BY", "CREATED AT");
            for (JsonNode version : page.json().get("items")) {
                table.row(version.get("version").asLong(), Text.field(version, "status"),
                        Text.field(version, "format"), Text.bytes(version.get("sizeBytes").asLong()),
                        Text.shortSha(Text.field(version, "sha256")), Text.field(version, "createdBy"),
                        Text.field(version, "createdAt"));
            }
            table.print(session.out());
            paging.printMore(page.json(), session.out());
        }
    }

    @Command(name = "show", description = "Show a version: artifact, signatures and training metadata.")
    static final class Show implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "VERSION")
        long version;

        Show(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            session.show(session.registry().get(path(model) + "/" + version), VersionsCommand::describe);
        }
    }

    @Command(name = "upload", description = {
            "Register a new version by uploading a SavedModel (role deployer).",
            "A directory (the one holding saved_model.pb) is packed into a .tar.gz; a .tar.gz, .tgz or .zip is sent"
                    + " as is. Its SHA-256 goes along, so the registry refuses bytes damaged on the way."})
    static final class Upload implements Runnable {

        private final Session session;

        @Parameters(index = "0", paramLabel = "MODEL")
        String model;

        @Parameters(index = "1", paramLabel = "DIR_OR_ARCHIVE")
        Path source;

        @Option(names = "--metadata", paramLabel = "FILE",
                description = "JSON training metadata: dataset, metrics, features (baselines), tags")
        Path metadata;

        Upload(Session session) {
            this.session = session;
        }

        @Override
        public void run() {
            String metadataJson = metadata == null ? null : metadataJson(metadata);
            RegistryClient registry = session.registry();
            try (UploadArchive archive = UploadArchive.of(source, model)) {
                MultipartUpload upload = new MultipartUpload();
                Progress progress = session.terminal().interactive()
                        ? new Progress(session.err(), archive.size()) : Progress.NONE;
                RegistryResponse created;
                try {
                    created = registry.send(registry.request(path(model))
                            .header("Content-Type", upload.contentType())
                            .header("X-Content-SHA256", archive.sha256())
                            .POST(upload.body(archive, metadataJson, progress)));
                } finally {
                    progress.finish();
                }
                if (session.json()) {
                    session.out().println(created.body());
                } else {
                    JsonNode version = created.json();
                    session.out().println("Registered " + Text.field(version, "model") + " version "
                            + version.get("version").asLong() + " (" + Text.bytes(version.get("sizeBytes").asLong())
                            + ", sha256 " + Text.field(version, "sha256") + ")");
                }
            } catch (IOException e) {
                throw CliFailure.usage("cannot read " + source + ": " + e.getMessage());
            }
        }

        private static String metadataJson(Path file) {
            JsonNode json;
            try {
                json = Json.parseOrNull(Files.readString(file));
            } catch (IOException e) {
                throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
            }
            if (json == null || !json.isObject()) {
                throw CliFailure.usage(file + " is not a JSON object (expected e.g. {\"metrics\": {\"auc\": 0.93}})");
            }
            return Json.line(json);
        }
    }

    static KeyValues describe(JsonNode version) {
        KeyValues lines = new KeyValues()
                .add("model", Text.field(version, "model"))
                .add("version", version.get("version").asLong())
                .add("status", Text.field(version, "status"))
                .add("format", Text.field(version, "format"))
                .add("size", Text.bytes(version.get("sizeBytes").asLong()))
                .add("sha256", Text.field(version, "sha256"))
                .add("source", Text.field(version, "sourceUri"))
                .add("created", Text.field(version, "createdAt") + " by " + Text.field(version, "createdBy"));
        for (JsonNode signature : iterable(version.get("signatures"))) {
            lines.add("signature " + Text.field(signature, "name"),
                    tensors(signature.get("inputs")) + " -> " + tensors(signature.get("outputs")));
        }
        JsonNode metadata = version.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            String dataset = Text.field(metadata, "dataset");
            if (dataset != null) {
                lines.add("dataset", dataset);
            }
            for (String group : List.of("metrics", "tags")) {
                for (Map.Entry<String, JsonNode> entry : iterable(metadata.get(group)).properties()) {
                    lines.add(group.substring(0, group.length() - 1) + " " + entry.getKey(), entry.getValue().asString());
                }
            }
        }
        return lines;
    }

    /** {@code x: DT_FLOAT [-1, 1]}, comma-separated. */
    private static String tensors(JsonNode byName) {
        List<String> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : iterable(byName).properties()) {
            JsonNode shape = entry.getValue().get("shape");
            tensors.add(entry.getKey() + ": " + Text.field(entry.getValue(), "dtype")
                    + (shape == null || shape.isNull() ? "" : " " + Json.line(shape).replace(",", ", ")));
        }
        return String.join(", ", tensors);
    }

    private static JsonNode iterable(JsonNode node) {
        return node == null || node.isNull() ? Json.object() : node;
    }
}
