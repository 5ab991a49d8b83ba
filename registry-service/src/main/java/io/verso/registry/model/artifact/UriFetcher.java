package io.verso.registry.model.artifact;

import io.verso.registry.error.RegistryException;
import io.verso.registry.outbound.ForbiddenAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an archive registered by URI, so that it goes through the same checks and the same content-addressed store
 * as an upload and pods only ever download from the registry.
 *
 * <p>A deployer makes the registry fetch the URI, from inside the cluster, so every hop (redirects are followed here,
 * one at a time) must be: http or https (a {@code file:} URI would read the registry's own disk); a host in
 * {@code verso.registry.fetch-allowed-hosts} when that list is set (an entry starting with a dot allows its
 * subdomains); never a link-local, metadata, wildcard or multicast address; and an internal (loopback, private,
 * carrier-grade NAT, unique-local) address only for a host that list names ({@link ForbiddenAddresses}).
 *
 * <p>Whatever goes wrong on the way (connection refused, timeout, TLS, a status other than 200) the caller learns
 * only that the archive could not be fetched: telling those apart would make the endpoint a port scanner of
 * whatever the registry reaches. The log keeps the cause for the operator.
 *
 * <p>An {@code s3://bucket/key} URI is read by {@link S3UriReader} with the registry's S3 credentials, when the
 * registry has an S3 store.
 */
public final class UriFetcher {

    private static final Logger log = LoggerFactory.getLogger(UriFetcher.class);
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_REDIRECTS = 5;
    private static final String FIELD = "artifactUri";

    private final HttpClient client;
    private final Duration timeout;
    private final List<String> allowedHosts;
    private final Optional<S3UriReader> s3;

    /**
     * @param allowedHosts host names, or {@code .suffix} for a domain's subdomains; empty: any host
     * @param s3           reads {@code s3://} URIs; empty: they are refused
     */
    public UriFetcher(Duration timeout, List<String> allowedHosts, Optional<S3UriReader> s3) {
        this.timeout = timeout;
        this.s3 = s3;
        this.allowedHosts = allowedHosts.stream().map(UriFetcher::bare).toList();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The response body, to be read to its end (and closed) by the caller. */
    public InputStream open(String uri) {
        URI target;
        try {
            target = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid(FIELD, FIELD + " is not a URI: " + e.getMessage());
        }
        if ("s3".equalsIgnoreCase(target.getScheme())) {
            return s3.orElseThrow(() -> RegistryException.invalid(FIELD, "s3:// URIs need the S3 artifact store"
                    + " (verso.registry.store=s3), which gives the registry its S3 credentials")).open(target);
        }
        try {
            for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
                check(target, uri);
                HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET()
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                response.body().close();
                var location = response.headers().firstValue("Location");
                if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                    log.info("Fetching {} answered HTTP {}", target, response.statusCode());
                    throw unfetchable(uri);
                }
                target = target.resolve(location.get());
            }
            throw RegistryException.invalid(FIELD, "fetching " + uri + " was redirected more than "
                    + MAX_REDIRECTS + " times");
        } catch (IOException | IllegalArgumentException e) {
            log.info("Fetching {} failed: {}", target, e.toString());
            throw unfetchable(uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.invalid(FIELD, "interrupted while fetching " + uri);
        }
    }

    /** A host name as compared: lower case, an IPv6 literal without the brackets a URI puts around it. */
    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static RegistryException unfetchable(String uri) {
        return RegistryException.invalid(FIELD, "the archive at '" + uri + "' could not be fetched (no 200 answer"
                + " with a body); the registry's log says why");
    }

    /** @param asked what the client sent, named in the message when a redirect led elsewhere */
    private void check(URI target, String asked) {
        String via = target.toString().equals(asked) ? "" : " (redirected from '" + asked + "')";
        if (target.getScheme() == null || !SCHEMES.contains(target.getScheme().toLowerCase(Locale.ROOT))) {
            throw RegistryException.invalid(FIELD, FIELD + " must be an http or https URI, but was '" + target
                    + "'" + via);
        }
        String host = target.getHost();
        if (host == null) {
            throw RegistryException.invalid(FIELD, FIELD + " has no host: '" + target + "'" + via);
        }
        String name = bare(host);
        boolean named = allowedHosts.stream().anyMatch(allowed -> allowed.startsWith(".")
                ? name.endsWith(allowed) : name.equals(allowed));
        if (!allowedHosts.isEmpty() && !named) {
            throw RegistryException.invalid(FIELD, "host '" + host + "' is not in verso.registry.fetch-allowed-hosts"
                    + via);
        }
        try {
            Optional<InetAddress> forbidden = named ? ForbiddenAddresses.of(host) : ForbiddenAddresses.internal(host);
            if (forbidden.isPresent()) {
                throw RegistryException.invalid(FIELD, ForbiddenAddresses.reason(host, forbidden.get()) + via);
            }
        } catch (UnknownHostException e) {
            throw RegistryException.invalid(FIELD, "host '" + host + "' does not resolve" + via);
        }
    }
}
