package io.verso.registry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Base of the HTTP integration tests: the whole registry on a random port and this run's PostgreSQL, with a
 * bootstrap admin token, configured pod and gateway tokens, a small upload limit (so "too large" is cheap to send), a short pod time-to-live, a
 * quick canary analysis interval and short webhook retry waits.
 * Every subclass has the same configuration, so Spring starts the application once for all of them. Rows stay
 * between tests, so each test creates its own models ({@link #newModel()}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "verso.registry.bootstrap-token=" + RegistryHttpTest.ADMIN_TOKEN,
        "verso.registry.pod-token=" + RegistryHttpTest.POD_TOKEN,
        "verso.registry.gateway-token=" + RegistryHttpTest.GATEWAY_TOKEN,
        "verso.registry.max-upload-size=" + RegistryHttpTest.MAX_UPLOAD,
        "verso.registry.feed.pod-ttl=2s",
        "verso.registry.feed.max-wait=30s",
        "verso.registry.analysis.interval=" + RegistryHttpTest.ANALYSIS_INTERVAL,
        // Webhook retries in milliseconds, so a receiver that fails twice is answered within the test's patience.
        "verso.registry.webhooks.initial-backoff=200ms",
        "verso.registry.webhooks.max-backoff=1s",
        "verso.registry.webhooks.poll-interval=100ms",
        "verso.registry.webhooks.max-attempts=5"})
@WithPostgres
public abstract class RegistryHttpTest {

    public static final String ADMIN_TOKEN = "it-bootstrap-admin-token";
    /** The machine credentials a deployment configures for its pods and gateways (never minted through the API). */
    public static final String POD_TOKEN = "it-configured-pod-token";
    public static final String GATEWAY_TOKEN = "it-configured-gateway-token";
    public static final String MAX_UPLOAD = "256KB";
    /** Canary analysis looks for due rollouts this often, so rollout tests take seconds. */
    public static final String ANALYSIS_INTERVAL = "200ms";
    public static final Path ARTIFACTS = Path.of("target", "it-artifacts", TestPostgres.RUN_ID).toAbsolutePath();

    /** Tokens per role, issued once per run through the API itself. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void artifactRoot(DynamicPropertyRegistry registry) {
        registry.add("verso.registry.artifact-root", ARTIFACTS::toString);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected RestClient http;

    @BeforeEach
    void connect() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    /** A token of the role (viewer, deployer, admin, machine, publisher) named {@code it-<role>}; admin is the bootstrap one. */
    protected String token(String role) {
        if (role.equals("admin")) {
            return ADMIN_TOKEN;
        }
        return TOKENS.computeIfAbsent(role, r -> {
            Reply created = call(ADMIN_TOKEN, HttpMethod.POST, "/api/v1/tokens",
                    "{\"name\":\"it-" + r + "\",\"role\":\"" + r + "\"}", h -> { });
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.at("/token");
        });
    }

    public Reply call(String token, HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers) {
        return call(http, token, method, path, body, headers);
    }

    /** A call to another registry than this test's, e.g. a second replica on the same database. */
    public static Reply call(RestClient registry, String token, HttpMethod method, String path, Object body,
                             Consumer<HttpHeaders> headers) {
        RestClient.RequestBodySpec request = registry.method(method).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            headers.accept(h);
        });
        if (body instanceof String json) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        } else if (body instanceof MultiValueMap<?, ?> parts) {
            request.contentType(MediaType.MULTIPART_FORM_DATA).body(parts);
        } else if (body != null) {
            throw new IllegalArgumentException("unsupported body " + body.getClass());
        }
        return request.exchange((req, res) -> new Reply(res.getStatusCode().value(), res.getHeaders(),
                res.getBody().readAllBytes()));
    }

    public Reply get(String token, String path) {
        return call(token, HttpMethod.GET, path, null, h -> { });
    }

    public Reply post(String token, String path, String json) {
        return call(token, HttpMethod.POST, path, json, h -> { });
    }

    /** A fresh model, so tests never share deployments. */
    protected String newModel() {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 13);
        Reply created = post(token("deployer"), "/api/v1/models", "{\"name\":\"" + name + "\",\"description\":\"test\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return name;
    }

    public Reply upload(String token, String model, byte[] archive, String fileName, String sha256, String metadata) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(archive) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        if (metadata != null) {
            HttpHeaders partHeaders = new HttpHeaders();
            partHeaders.setContentType(MediaType.APPLICATION_JSON);
            parts.add("metadata", new HttpEntity<>(metadata, partHeaders));
        }
        return call(token, HttpMethod.POST, "/api/v1/models/" + model + "/versions", parts, h -> {
            if (sha256 != null) {
                h.set("X-Content-SHA256", sha256);
            }
        });
    }

    /** Registers the half_plus_two fixture (as a .tar.gz) and returns the version number. */
    protected long uploadHalfPlusTwo(String model) {
        Reply reply = upload(token("deployer"), model, Archives.tarGz(Archives.fixture("saved_model_half_plus_two_cpu")),
                "model.tar.gz", null, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().get("version").asLong();
    }

    /** Every regular file under the artifact root, staging included: what a refused upload must not add to. */
    protected List<Path> storedFiles() {
        if (!Files.exists(ARTIFACTS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(ARTIFACTS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
