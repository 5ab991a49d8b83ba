package io.verso.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20's machine identities and token management: a pod token reports for its own pod only (bound by its
 * first report), every pod credential reports only endpoints inside the pod network, client keys carry their
 * models, feedback scope and expiry, and admins list tokens without ever seeing a secret.
 */
class MachineIdentityIT extends RegistryHttpTest {

    @Test
    void aStoredPodTokenIsBoundToThePodOfItsFirstReport() {
        String token = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"pod-token-a\",\"role\":\"pod\"}").at("/token");

        Reply first = post(token, "/api/v1/feed/pod-status", status("pod-a-" + port, "http://10.0.0.7:8501"));
        Reply again = post(token, "/api/v1/feed/pod-status", status("pod-a-" + port, "http://10.0.0.7:8501"));
        Reply other = post(token, "/api/v1/feed/pod-status", status("pod-b-" + port, "http://10.0.0.8:8501"));
        Reply otherSummary = post(token, "/api/v1/feed/monitoring", "{\"podId\":\"pod-b-" + port
                + "\",\"summaries\":[]}");
        Reply ownSummary = post(token, "/api/v1/feed/monitoring", "{\"podId\":\"pod-a-" + port
                + "\",\"summaries\":[]}");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(ownSummary.status()).as(ownSummary.toString()).isEqualTo(200);
        for (Reply refused : new Reply[] {other, otherSummary}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.at("/detail")).isEqualTo("token 'pod-token-a' belongs to pod 'pod-a-" + port
                    + "' (bound by its first report) and may not report for pod 'pod-b-" + port + "'");
        }
        assertThat(count("pod_status where pod_id = 'pod-b-" + port + "'")).isZero();
        JsonNode listed = listed("pod-token-a");
        assertThat(listed.get("boundPodId").asString()).isEqualTo("pod-a-" + port);
    }

    /** The shared configured pod token cannot be bound, so the network policy is what limits a leaked copy. */
    @Test
    void podCredentialsReportOnlyEndpointsInsideThePodNetwork() {
        Reply inside = post(POD_TOKEN, "/api/v1/feed/pod-status", status("shared-1-" + port, "http://10.1.2.3:8501"));
        Reply outside = post(POD_TOKEN, "/api/v1/feed/pod-status", status("shared-2-" + port, "http://8.8.8.8:80"));
        Reply metadata = post(token("machine"), "/api/v1/feed/pod-status",
                status("shared-3-" + port, "http://169.254.169.254/"));

        assertThat(inside.status()).as(inside.toString()).isEqualTo(200);
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.at("/detail")).startsWith("token 'bootstrap-pods' may not report this pod: endpoint host"
                + " '8.8.8.8' is 8.8.8.8, outside verso.registry.pod-network.cidrs [10.0.0.0/8");
        assertThat(metadata.status()).isEqualTo(403);
        assertThat(count("pod_status where pod_id like 'shared-_-" + port + "' and pod_id <> 'shared-1-" + port
                + "'")).isZero();
    }

    @Test
    void clientKeysCarryModelsFeedbackScopeAndExpiry() throws Exception {
        Instant expires = Instant.now().plusSeconds(3);
        Reply created = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"iris-app\",\"role\":\"client\","
                + "\"models\":[\"iris\"],\"feedback\":true,\"expiresAt\":\"" + expires + "\"}");
        Reply self = get(created.at("/token"), "/api/v1/tokens/self");
        Reply deployerSelf = get(token("deployer"), "/api/v1/tokens/self");
        Reply past = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"stale\",\"role\":\"client\","
                + "\"expiresAt\":\"2020-01-01T00:00:00Z\"}");
        Reply scopedViewer = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"scoped-viewer\",\"role\":\"viewer\","
                + "\"models\":[\"iris\"]}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(self.status()).as(self.toString()).isEqualTo(200);
        assertThat(self.json().get("role").asString()).isEqualTo("client");
        assertThat(self.json().get("models").get(0).asString()).isEqualTo("iris");
        assertThat(self.json().get("feedback").asBoolean()).isTrue();
        assertThat(deployerSelf.json().get("models").isNull()).isTrue();
        assertThat(get(created.at("/token"), "/api/v1/models").status()).as("a client key reads nothing else")
                .isEqualTo(403);
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.at("/detail")).startsWith("expiresAt must lie in the future");
        assertThat(scopedViewer.status()).isEqualTo(400);

        Thread.sleep(Duration.between(Instant.now(), expires).plusMillis(300).toMillis());
        Reply expired = get(created.at("/token"), "/api/v1/tokens/self");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(listed("iris-app").get("live").asBoolean()).isFalse();
    }

    @Test
    void theTokenListShowsRolesAndStateButNeverASecret() {
        String secret = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"listed-one\",\"role\":\"gateway\"}")
                .at("/token");
        call(ADMIN_TOKEN, HttpMethod.DELETE, "/api/v1/tokens/listed-one", null, h -> { });
        Reply list = get(ADMIN_TOKEN, "/api/v1/tokens");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.toString()).doesNotContain(secret).doesNotContain(TokenService.hash(secret));
        assertThat(listed("listed-one").get("live").asBoolean()).isFalse();
        assertThat(listed("listed-one").get("role").asString()).isEqualTo("gateway");
        assertThat(listed("bootstrap-pods").get("source").asString()).isEqualTo("configured");
        assertThat(listed("bootstrap-pods").get("role").asString()).isEqualTo("pod");
        assertThat(listed("bootstrap-gateways").get("role").asString()).isEqualTo("gateway");
    }

    private JsonNode listed(String name) {
        Reply list = get(ADMIN_TOKEN, "/api/v1/tokens");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no token " + name + " in " + list));
    }

    private static String status(String pod, String endpoint) {
        return "{\"podId\":\"" + pod + "\",\"endpoint\":\"" + endpoint + "\",\"versions\":[]}";
    }
}
