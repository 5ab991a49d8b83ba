package io.verso.inference.lifecycle.source.registry;

import io.verso.contracts.DesiredState;
import io.verso.contracts.PodMonitoringReport;
import io.verso.contracts.PodStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pod's side of the registry's feeds, over HTTP with the pod's machine token. Blocking calls: they run on the
 * source's own thread, never on a request path.
 */
final class RegistryClient {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI base;
    private final String token;
    private final HttpClient http;

    RegistryClient(URI base, String token, Duration connectTimeout) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    /**
     * Long-polls the desired state.
     *
     * @param revision the revision the pod has, or null; the registry answers as soon as the state differs
     * @return the new state, or empty when it did not change within {@code wait}
     */
    Optional<DesiredState> desiredState(String revision, Duration wait) throws IOException, InterruptedException {
        HttpRequest.Builder request = request("/api/v1/feed/desired-state?wait=" + wait.toSeconds() + "s")
                .timeout(wait.plusSeconds(15)).GET();
        if (revision != null) {
            request.header("If-None-Match", "\"" + revision + "\"");
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 304) {
            return Optional.empty();
        }
        check(response.statusCode(), "desired state", response.body());
        return Optional.of(JSON.readValue(response.body(), DesiredState.class));
    }

    /** Opens the artifact's bytes; the caller closes the stream. */
    InputStream artifact(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(URI.create(url)))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                check(response.statusCode(), "artifact " + url, body.readNBytes(2048));
            }
        }
        return response.body();
    }

    /**
     * Opens an archive at a presigned object-store URL: no token is sent, since the URL carries its own signature
     * and the machine token is the registry's alone. The caller closes the stream.
     */
    InputStream direct(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                check(response.statusCode(), "direct artifact download", body.readNBytes(2048));
            }
        }
        return response.body();
    }

    void report(PodStatus status) throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/feed/pod-status").timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(status))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        check(response.statusCode(), "pod status", response.body());
    }

    void reportMonitoring(PodMonitoringReport report) throws IOException, InterruptedException {
        HttpRequest request = request("/api/v1/feed/monitoring").timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(report))).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        check(response.statusCode(), "monitoring summary", response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private static void check(int status, String what, byte[] body) throws IOException {
        if (status / 100 != 2) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            throw new IOException("registry answered " + status + " for " + what + ": "
                    + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }
}
