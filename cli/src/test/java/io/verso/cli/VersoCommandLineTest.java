package io.verso.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument parsing, help and the exit codes that need no registry. */
class VersoCommandLineTest {

    @TempDir
    Path home;

    @Test
    void helpListsTheCommandsAndDocumentsTheExitCodes() {
        Run.Result help = new Run(home).verso("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("login", "models", "versions", "deployments", "canary", "weight", "promote",
                "rollback", "watch", "audit", "--output", "Exit codes:",
                "2   the registry refused the call (4xx)", "3   the registry cannot be reached, or failed (5xx)",
                "4   not logged in", "VERSO_REGISTRY_URL");
    }

    @Test
    void subcommandHelpKeepsTheGlobalOptionsAndExitCodes() {
        Run.Result help = new Run(home).verso("canary", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("MODEL", "VERSION", "--weight", "--reason", "--idempotency-key",
                "--if-revision", "--registry", "--output", "Exit codes:");
    }

    @Test
    void noCommandIsAUsageError() {
        Run.Result run = new Run(home).verso();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("a command is required").contains("Usage: verso");
    }

    @Test
    void unknownCommandsMissingArgumentsAndBadValuesAreUsageErrors() {
        Run run = new Run(home).env("VERSO_REGISTRY_URL", "http://127.0.0.1:1").env("VERSO_TOKEN", "t");

        assertThat(run.verso("promot", "m").exitCode()).isEqualTo(ExitCodes.USAGE);
        Run.Result missingWeight = run.verso("canary", "m", "2");
        assertThat(missingWeight.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingWeight.err()).contains("--weight");
        Run.Result badOutput = run.verso("--output", "yaml", "models", "list");
        assertThat(badOutput.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOutput.err()).contains("yaml");
        Run.Result badVersion = run.verso("versions", "show", "m", "two");
        assertThat(badVersion.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badVersion.err()).contains("two");
        Run.Result badInterval = run.verso("watch", "m", "--interval", "fast");
        assertThat(badInterval.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badInterval.err()).contains("'fast' is not an interval");
    }

    @Test
    void anUnknownUntilEventIsAUsageErrorNamingTheChoices() {
        Run.Result run = new Run(home).env("VERSO_REGISTRY_URL", "http://127.0.0.1:1").env("VERSO_TOKEN", "t")
                .verso("watch", "m", "--until", "deployed");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--until must be one of canary-started, label-removed, label-set, "
                + "promoted, rolled-back, weight-changed, but was 'deployed'");
    }

    @Test
    void withoutARegistryOrTokenACommandSaysHowToLogIn() {
        Run.Result run = new Run(home).verso("models", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
        assertThat(run.err()).contains("not logged in: run 'verso login --registry URL --token TOKEN'");
        assertThat(new Run(home).env("VERSO_REGISTRY_URL", "http://localhost:8090").verso("models", "list")
                .exitCode()).isEqualTo(ExitCodes.NOT_LOGGED_IN);
    }

    @Test
    void anUnreachableRegistryExitsWith3() throws IOException {
        Run.Result run = new Run(home).verso("models", "list", "--registry", "http://127.0.0.1:" + closedPort(),
                "--token", "t");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("cannot reach the registry at http://127.0.0.1:");
    }

    @Test
    void aRegistryUrlThatIsNotHttpIsAUsageError() {
        Run.Result run = new Run(home).verso("--registry", "localhost:8090", "--token", "t", "models", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("must be an http:// or https:// URL");
    }

    @Test
    void uploadingSomethingThatIsNoSavedModelIsAUsageError() {
        Run run = new Run(home).env("VERSO_REGISTRY_URL", "http://127.0.0.1:1").env("VERSO_TOKEN", "t");

        Run.Result emptyDirectory = run.verso("versions", "upload", "m", home.toString());
        assertThat(emptyDirectory.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(emptyDirectory.err()).contains("is not a SavedModel directory: it has no saved_model.pb");
        Run.Result missing = run.verso("versions", "upload", "m", home.resolve("nope.tar.gz").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("does not exist");
    }

    /** A port nothing listens on: bound, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
