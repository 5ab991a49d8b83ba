package io.verso.cli.login;

import io.verso.cli.CliFailure;
import io.verso.cli.Terminal;
import java.net.URI;
import java.util.Optional;

/**
 * The registry and token a command uses. Each comes from the first of: the {@code --registry}/{@code --token}
 * option, {@code VERSO_REGISTRY_URL}/{@code VERSO_TOKEN}, the config file {@code verso login} wrote.
 */
public record Credentials(URI registry, String token) {

    public static final String REGISTRY_VARIABLE = "VERSO_REGISTRY_URL";
    public static final String TOKEN_VARIABLE = "VERSO_TOKEN";

    public static Credentials resolve(String registryOption, String tokenOption, Terminal terminal) {
        Optional<StoredLogin> stored = ConfigFile.of(terminal).read();
        String registry = first(registryOption, terminal.env(REGISTRY_VARIABLE),
                stored.map(StoredLogin::registry).orElse(null));
        String token = first(tokenOption, terminal.env(TOKEN_VARIABLE), stored.map(StoredLogin::token).orElse(null));
        if (registry == null || token == null) {
            throw CliFailure.notLoggedIn("not logged in: run 'verso login --registry URL --token TOKEN', or set "
                    + REGISTRY_VARIABLE + " and " + TOKEN_VARIABLE);
        }
        return new Credentials(registryUri(registry), token);
    }

    /**
     * An absolute http(s) URL ending in {@code /}, so that the client's relative API paths resolve under it (a
     * registry behind a path prefix works too).
     */
    static URI registryUri(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("registry URL '" + text + "' is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw CliFailure.usage("registry URL '" + text + "' must be an http:// or https:// URL with a host, "
                    + "e.g. http://localhost:8090");
        }
        return uri.getRawPath() != null && uri.getRawPath().endsWith("/") ? uri : URI.create(uri + "/");
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        return null;
    }
}
