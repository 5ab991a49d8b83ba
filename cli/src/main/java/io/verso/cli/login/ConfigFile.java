package io.verso.cli.login;

import io.verso.cli.CliFailure;
import io.verso.cli.Terminal;
import io.verso.cli.registry.Json;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code $XDG_CONFIG_HOME/verso/config.json} ({@code ~/.config/verso/config.json} by default). It holds a bearer
 * token, so only its owner may read it: the file is created 0600 in a 0700 directory, written beside and moved into
 * place so a reader never sees half of it.
 */
public final class ConfigFile {

    private final Path path;

    ConfigFile(Path path) {
        this.path = path;
    }

    public static ConfigFile of(Terminal terminal) {
        String xdg = terminal.env("XDG_CONFIG_HOME");
        Path base = xdg != null ? Path.of(xdg) : terminal.home().resolve(".config");
        return new ConfigFile(base.resolve("verso").resolve("config.json"));
    }

    public Path path() {
        return path;
    }

    public Optional<StoredLogin> read() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(Files.readString(path));
            return Optional.of(new StoredLogin(text(json, "registry"), text(json, "token")));
        } catch (IOException | JacksonException e) {
            throw CliFailure.notLoggedIn("cannot read " + path + " (" + e.getMessage()
                    + "); run 'verso login' again");
        }
    }

    void write(StoredLogin login) throws IOException {
        Path directory = path.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        Path staged = posix
                ? Files.createTempFile(directory, "config-", ".json", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "config-", ".json");
        try {
            Files.writeString(staged, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    Json.object().put("registry", login.registry()).put("token", login.token())) + "\n");
            Files.move(staged, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }
}
