package io.verso.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.Archives;
import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;

/**
 * The 401/403 matrix: every endpoint group against no token and each role. Allowed calls carry a body that fails
 * validation (or names a missing version), so passing the security check is visible (not 401/403) without side
 * effects.
 */
class SecurityIT extends RegistryHttpTest {

    private static final Set<String> ROLES = Set.of("viewer", "deployer", "admin", "machine", "publisher");
    private static String model;

    @BeforeEach
    void oneModelForAllCases() {
        if (model == null) {
            model = newModel();
            uploadHalfPlusTwo(model);
        }
    }

    /** group, method, path, body, roles allowed. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("list models", HttpMethod.GET, "/api/v1/models", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("get model", HttpMethod.GET, "/api/v1/models/{m}", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("create model", HttpMethod.POST, "/api/v1/models", "{}", Set.of("deployer", "admin")),
                Arguments.of("archive model", HttpMethod.POST, "/api/v1/models/no-such-model/archive", null, Set.of("admin")),
                Arguments.of("list versions", HttpMethod.GET, "/api/v1/models/{m}/versions", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("get version", HttpMethod.GET, "/api/v1/models/{m}/versions/1", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("register version", HttpMethod.POST, "/api/v1/models/{m}/versions", "{}",
                        Set.of("deployer", "admin", "publisher")),
                Arguments.of("gate verdict", HttpMethod.GET, "/api/v1/models/{m}/versions/1/gates", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("get pipeline policy", HttpMethod.GET, "/api/v1/models/{m}/pipeline-policy", null,
                        Set.of("viewer", "deployer", "admin", "publisher")),
                Arguments.of("put pipeline policy", HttpMethod.PUT, "/api/v1/models/{m}/pipeline-policy", "{}",
                        Set.of("deployer", "admin")),
                Arguments.of("archive version", HttpMethod.POST, "/api/v1/models/{m}/versions/99/archive", null,
                        Set.of("admin")),
                Arguments.of("download artifact", HttpMethod.GET, "/api/v1/models/{m}/versions/1/artifact", null,
                        Set.of("viewer", "deployer", "admin", "machine")),
                Arguments.of("get deployment", HttpMethod.GET, "/api/v1/models/{m}/deployment", null,
                        Set.of("viewer", "deployer", "admin")),
                Arguments.of("history", HttpMethod.GET, "/api/v1/models/{m}/deployment/history", null,
                        Set.of("viewer", "deployer", "admin")),
                Arguments.of("canary", HttpMethod.POST, "/api/v1/models/{m}/deployment/canary", "{\"version\":99,\"weight\":1}",
                        Set.of("deployer", "admin")),
                Arguments.of("set weight", HttpMethod.POST, "/api/v1/models/{m}/deployment/weight", "{\"weight\":500}",
                        Set.of("deployer", "admin")),
                Arguments.of("promote", HttpMethod.POST, "/api/v1/models/{m}/deployment/promote", "{\"version\":99}",
                        Set.of("deployer", "admin")),
                Arguments.of("rollback", HttpMethod.POST, "/api/v1/models/{m}/deployment/rollback", "{\"version\":99}",
                        Set.of("deployer", "admin")),
                Arguments.of("put label", HttpMethod.PUT, "/api/v1/models/{m}/deployment/labels/x", "{\"version\":99}",
                        Set.of("deployer", "admin")),
                Arguments.of("delete label", HttpMethod.DELETE, "/api/v1/models/{m}/deployment/labels/x", null,
                        Set.of("deployer", "admin")),
                Arguments.of("create token", HttpMethod.POST, "/api/v1/tokens", "{}", Set.of("admin")),
                Arguments.of("revoke token", HttpMethod.DELETE, "/api/v1/tokens/no-such-token", null, Set.of("admin")),
                Arguments.of("create webhook", HttpMethod.POST, "/api/v1/webhooks", "{}", Set.of("admin")),
                Arguments.of("list webhooks", HttpMethod.GET, "/api/v1/webhooks", null, Set.of("admin")),
                Arguments.of("delete webhook", HttpMethod.DELETE, "/api/v1/webhooks/999999", null, Set.of("admin")),
                Arguments.of("webhook deliveries", HttpMethod.GET, "/api/v1/webhooks/999999/deliveries", null,
                        Set.of("admin")),
                Arguments.of("desired state", HttpMethod.GET, "/api/v1/feed/desired-state", null,
                        Set.of("viewer", "deployer", "admin", "machine")),
                Arguments.of("routing table", HttpMethod.GET, "/api/v1/feed/routing-table", null,
                        Set.of("viewer", "deployer", "admin", "machine")),
                Arguments.of("pod status", HttpMethod.POST, "/api/v1/feed/pod-status", "{\"podId\":\"\"}", Set.of("machine")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void needsATokenAndTheRightRole(String group, HttpMethod method, String path, String body, Set<String> allowed) {
        String target = path.replace("{m}", model);

        Reply anonymous = call(null, method, target, body, h -> { });
        assertThat(anonymous.status()).as(group + " without token").isEqualTo(401);
        assertThat(anonymous.headers().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(anonymous.at("/detail")).isEqualTo(
                "this endpoint needs an API token: send 'Authorization: Bearer <token>'");
        assertThat(anonymous.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");

        for (String role : ROLES) {
            Reply reply = call(token(role), method, target, body, h -> { });
            if (allowed.contains(role)) {
                assertThat(reply.status()).as(group + " as " + role + ": " + reply).isNotIn(401, 403);
            } else {
                assertThat(reply.status()).as(group + " as " + role + ": " + reply).isEqualTo(403);
                String name = role.equals("admin") ? "bootstrap" : "it-" + role;
                assertThat(reply.at("/detail")).isEqualTo("token '" + name + "' may not " + method + " " + target
                        + "; its role does not allow it");
            }
        }
    }

    @Test
    void configuredPodAndGatewayTokensReadTheFeedsAndNothingElse() {
        for (String machine : new String[] {POD_TOKEN, GATEWAY_TOKEN}) {
            assertThat(get(machine, "/api/v1/feed/desired-state").status()).isEqualTo(200);
            assertThat(get(machine, "/api/v1/feed/routing-table").status()).isEqualTo(200);
            assertThat(get(machine, "/api/v1/models").status()).isEqualTo(403);
        }
        Reply promote = post(POD_TOKEN, "/api/v1/models/" + model + "/deployment/promote", "{\"version\":1}");
        assertThat(promote.at("/detail")).startsWith("token 'bootstrap-pods' may not POST");
        Reply reserved = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"bootstrap-gateways\",\"role\":\"admin\"}");
        assertThat(reserved.status()).isEqualTo(409);
    }

    @Test
    void refusesUnknownMalformedAndRevokedTokens() {
        Reply created = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"short-lived\",\"role\":\"viewer\"}");
        String token = created.at("/token");
        Reply before = get(token, "/api/v1/models");
        Reply revoked = call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/tokens/short-lived", null, h -> { });
        Reply after = get(token, "/api/v1/models");

        assertThat(created.status()).isEqualTo(201);
        assertThat(token).startsWith("verso_").hasSize(49);
        assertThat(created.at("/role")).isEqualTo("viewer");
        assertThat(before.status()).isEqualTo(200);
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.at("/detail")).isEqualTo("the bearer token is unknown or revoked");
        assertThat(get("verso_nonsense", "/api/v1/models").status()).isEqualTo(401);
        Reply basic = call(null, HttpMethod.GET, "/api/v1/models", null, h -> h.setBasicAuth("admin", "admin"));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.at("/detail")).isEqualTo("the Authorization header must be 'Bearer <token>'");
    }

    @Test
    void storesOnlyTheHashOfATokenAndRecordsItsNameAsActor() {
        Reply created = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"ci-pipeline\",\"role\":\"DEPLOYER\"}");
        String token = created.at("/token");
        String stored = jdbc.queryForObject("select token_hash from api_token where name = 'ci-pipeline' "
                + "and revoked_at is null", String.class);
        Reply duplicate = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"ci-pipeline\",\"role\":\"viewer\"}");
        Reply model = post(token, "/api/v1/models", "{\"name\":\"owned-" + System.nanoTime() + "\"}");

        assertThat(stored).isEqualTo(TokenService.hash(token)).doesNotContain(token.substring(6));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.at("/detail")).isEqualTo("a token named 'ci-pipeline' already exists");
        assertThat(model.at("/owner")).isEqualTo("ci-pipeline");
    }

    @Test
    void probesScrapersAndTheApiDocumentNeedNoToken() {
        Reply docs = get(null, "/v3/api-docs");

        assertThat(get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames()).contains(
                "/api/v1/models", "/api/v1/models/{model}/versions", "/api/v1/models/{model}/deployment/promote",
                "/api/v1/models/{model}/deployment/history", "/api/v1/feed/desired-state", "/api/v1/tokens");
        assertThat(docs.json().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(get(null, "/actuator/metrics").status()).isEqualTo(401);
        assertThat(Archives.TFSERVING).exists();
    }
}
