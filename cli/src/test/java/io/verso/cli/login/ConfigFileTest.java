package io.verso.cli.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.cli.CliFailure;
import io.verso.cli.ExitCodes;
import io.verso.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path home;

    @Test
    void storesTheLoginReadableByItsOwnerOnly() throws Exception {
        ConfigFile config = ConfigFile.of(terminal(Map.of()));
        config.write(new StoredLogin("http://registry:8090/", "verso_secret"));

        assertThat(config.path()).isEqualTo(home.resolve(".config/verso/config.json"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path().getParent())))
                .isEqualTo("rwx------");
        assertThat(config.read()).contains(new StoredLogin("http://registry:8090/", "verso_secret"));
        try (var files = Files.list(config.path().getParent())) {
            assertThat(files).as("no staged copy is left behind").containsExactly(config.path());
        }
    }

    @Test
    void optionsBeatTheEnvironmentWhichBeatsTheStoredLogin() throws Exception {
        ConfigFile.of(terminal(Map.of())).write(new StoredLogin("http://stored:1/", "stored-token"));

        assertThat(Credentials.resolve(null, null, terminal(Map.of())))
                .isEqualTo(new Credentials(URI.create("http://stored:1/"), "stored-token"));
        Terminal withEnv = terminal(Map.of("VERSO_REGISTRY_URL", "http://env:2", "VERSO_TOKEN", "env-token"));
        assertThat(Credentials.resolve(null, null, withEnv))
                .isEqualTo(new Credentials(URI.create("http://env:2/"), "env-token"));
        assertThat(Credentials.resolve("https://option:3/prefix", "option-token", withEnv))
                .isEqualTo(new Credentials(URI.create("https://option:3/prefix/"), "option-token"));
    }

    @Test
    void followsXdgConfigHome() {
        Path xdg = home.resolve("xdg");
        assertThat(ConfigFile.of(terminal(Map.of("XDG_CONFIG_HOME", xdg.toString()))).path())
                .isEqualTo(xdg.resolve("verso/config.json"));
    }

    @Test
    void aDamagedFileAsksForANewLogin() throws Exception {
        Path file = Files.createDirectories(home.resolve(".config/verso")).resolve("config.json");
        Files.writeString(file, "{not json");

        assertThatThrownBy(() -> ConfigFile.of(terminal(Map.of())).read())
                .isInstanceOfSatisfying(CliFailure.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCodes.NOT_LOGGED_IN))
                .hasMessageContaining("run 'verso login' again");
    }

    private Terminal terminal(Map<String, String> env) {
        return new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), env, home,
                false);
    }
}
