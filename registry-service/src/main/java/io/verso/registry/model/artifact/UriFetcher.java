package io.verso.registry.model.artifact;

import io.verso.registry.web.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * Opens an archive registered by URI, so that it goes through the same checks and the same content-addressed store
 * as an upload and pods only ever download from the registry. Only http and https: a {@code file:} URI would let
 * API clients read the registry's own disk.
 */
public final class UriFetcher {

    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final String FIELD = "artifactUri";

    private final HttpClient client;
    private final Duration timeout;

    public UriFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The response body, to be read to its end (and closed) by the caller. */
    public InputStream open(String uri) {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw RegistryException.badRequest(FIELD, FIELD + " is not a URI: " + e.getMessage());
        }
        if (target.getScheme() == null || !SCHEMES.contains(target.getScheme().toLowerCase())) {
            throw RegistryException.badRequest(FIELD, FIELD + " must be an http or https URI, but was '" + uri + "'");
        }
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET()
                    .build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw RegistryException.badRequest(FIELD, "fetching " + uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw RegistryException.badRequest(FIELD, "could not fetch " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.badRequest(FIELD, "interrupted while fetching " + uri);
        }
    }
}
