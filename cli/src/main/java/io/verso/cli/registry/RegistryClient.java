package io.verso.cli.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Calls one registry with one bearer token; every non-2xx answer becomes a {@link io.verso.cli.CliFailure}. */
public final class RegistryClient {

    /** Generous: a registry under load or a slow network should not fail an admin command. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public RegistryClient(URI base, String token) {
        this.base = base;
        this.token = token;
        // HTTP/1.1: the JDK's h2c upgrade attempt buys nothing against a plain-HTTP registry and complicates uploads.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI base() {
        return base;
    }

    /** A path segment: model names are plain, but whatever the user typed must not change the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public RegistryResponse get(String path) {
        return send(request(path).timeout(CALL_TIMEOUT).GET());
    }

    /** Empty when the resource still has {@code etag} (the registry answers 304 to {@code If-None-Match}). */
    public Optional<RegistryResponse> getIfChanged(String path, String etag) {
        HttpRequest.Builder request = request(path).timeout(CALL_TIMEOUT).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 304 ? Optional.empty() : Optional.of(checked(response));
    }

    public RegistryResponse post(String path, JsonNode body) {
        return post(path, body, Map.of());
    }

    public RegistryResponse post(String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.line(body)));
        headers.forEach(request::header);
        return send(request);
    }

    public RegistryResponse delete(String path) {
        return send(request(path).timeout(CALL_TIMEOUT).DELETE());
    }

    /** A request with no overall timeout, for uploads whose duration depends on their size. */
    public RegistryResponse send(HttpRequest.Builder request) {
        return checked(exchange(request, HttpResponse.BodyHandlers.ofString()));
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.build(), handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new RegistryUnavailable("cannot reach the registry at " + base + ": " + reason(e), e);
        } catch (HttpTimeoutException e) {
            throw new RegistryUnavailable("the registry at " + base + " did not answer in time", e);
        } catch (IOException e) {
            throw new RegistryUnavailable("lost the connection to the registry at " + base + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailable("interrupted while calling the registry", e);
        }
    }

    private RegistryResponse checked(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new RegistryResponse(status, response.body(), response.headers());
        }
        Problem problem = Problem.of(status, response.body());
        if (status >= 400 && status < 500) {
            throw new RegistryRefused(problem);
        }
        throw new RegistryUnavailable("the registry at " + base + " failed: " + problem.describe(), null);
    }

    /** The JDK's connection errors often have a null message; then the exception's kind says what happened. */
    private static String reason(Throwable e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
