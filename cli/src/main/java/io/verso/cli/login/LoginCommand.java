package io.verso.cli.login;

import io.verso.cli.CliFailure;
import io.verso.cli.ExitCodes;
import io.verso.cli.Session;
import io.verso.cli.registry.RegistryClient;
import java.io.Console;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * Checks the token against the registry (a read every role but {@code machine} may make), then saves the URL and
 * token; a wrong token or URL is refused before anything is written.
 */
@Command(name = "login", description = {
        "Check a token against a registry and save both, readable by you only (mode 0600),",
        "in ~/.config/verso/config.json.",
        "Without --token it reads VERSO_TOKEN, or asks for it when run in a terminal."})
public final class LoginCommand implements Callable<Integer> {

    private final Session session;

    public LoginCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws IOException {
        ConfigFile config = ConfigFile.of(session.terminal());
        String registry = first(session.registryOption(), session.terminal().env(Credentials.REGISTRY_VARIABLE));
        if (registry == null) {
            throw CliFailure.usage("login needs --registry URL (or VERSO_REGISTRY_URL)");
        }
        String token = first(session.tokenOption(), session.terminal().env(Credentials.TOKEN_VARIABLE));
        if (token == null) {
            token = askForToken();
        }
        Credentials credentials = new Credentials(Credentials.registryUri(registry), token);
        new RegistryClient(credentials.registry(), credentials.token()).get("api/v1/models?size=1");
        config.write(new StoredLogin(credentials.registry().toString(), credentials.token()));
        session.out().println("Logged in to " + credentials.registry() + "; saved in " + config.path());
        return ExitCodes.OK;
    }

    private String askForToken() {
        Console console = System.console();
        if (!session.terminal().interactive() || console == null) {
            throw CliFailure.usage("login needs --token TOKEN (or VERSO_TOKEN)");
        }
        char[] typed = console.readPassword("Token: ");
        if (typed == null || typed.length == 0) {
            throw CliFailure.usage("no token given");
        }
        return new String(typed).strip();
    }

    private static String first(String option, String variable) {
        return option != null && !option.isBlank() ? option.strip() : variable;
    }
}
