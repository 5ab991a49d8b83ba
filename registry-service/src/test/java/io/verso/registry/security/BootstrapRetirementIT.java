package io.verso.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code verso.registry.retire-bootstrap-token=true} the bootstrap admin token (an environment variable every
 * operator of the install could read) stops working once a real admin token exists, and works again if the last
 * one is revoked, so an install can never lock its admins out.
 */
@TestPropertySource(properties = "verso.registry.retire-bootstrap-token=true")
class BootstrapRetirementIT extends RegistryHttpTest {

    @Test
    void theBootstrapTokenRetiresWhileAStoredAdminTokenLives() {
        // Other test classes share the database: start from no live stored admin token.
        jdbc.update("update api_token set revoked_at = now() where role = 'ADMIN' and revoked_at is null");
        assertThat(get(ADMIN_TOKEN, "/api/v1/tokens").status()).isEqualTo(200);

        Reply created = post(ADMIN_TOKEN, "/api/v1/tokens", "{\"name\":\"real-admin-" + port
                + "\",\"role\":\"admin\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String admin = created.at("/token");

        Reply retired = get(ADMIN_TOKEN, "/api/v1/tokens");
        assertThat(retired.status()).isEqualTo(401);
        Reply list = get(admin, "/api/v1/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().valueStream().filter(t -> t.get("name").asString().equals("bootstrap"))
                .findFirst().orElseThrow().get("live").asBoolean()).isFalse();

        assertThat(call(admin, HttpMethod.DELETE, "/api/v1/tokens/real-admin-" + port, null, h -> { }).status())
                .isEqualTo(204);
        assertThat(get(ADMIN_TOKEN, "/api/v1/tokens").status()).isEqualTo(200);
    }
}
