package io.verso.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ConfiguredTokensTest {

    private static byte[] hashOf(String token) {
        return HexFormat.of().parseHex(TokenService.hash(token));
    }

    @Test
    void eachConfiguredTokenActsAsItsPrincipalAndUnsetOnesMatchNothing() {
        ConfiguredTokens tokens = new ConfiguredTokens("admin-secret", "pod-secret", " ");

        assertThat(tokens.match(hashOf("admin-secret"))).contains(new TokenPrincipal("bootstrap", Role.ADMIN));
        assertThat(tokens.match(hashOf("pod-secret"))).contains(new TokenPrincipal("bootstrap-pods", Role.MACHINE));
        assertThat(tokens.match(hashOf(" "))).isEmpty();
        assertThat(tokens.match(hashOf("pod-secreT"))).isEmpty();
        assertThat(tokens.hasAdmin()).isTrue();
        assertThat(new ConfiguredTokens(null, null, "gw").hasAdmin()).isFalse();
    }

    @Test
    void refusesOneSecretForTwoPrincipalsAndNeverPrintsSecrets() {
        assertThatThrownBy(() -> new ConfiguredTokens("same", null, "same"))
                .hasMessage("the configured bootstrap, pod and gateway tokens must differ");
        assertThat(new ConfiguredTokens("admin-secret", "pod-secret", "gw-secret").toString())
                .isEqualTo("ConfiguredTokens[bootstrap, bootstrap-pods, bootstrap-gateways]");
    }

    @Test
    void reservesThePrincipalNames() {
        ConfiguredTokens none = new ConfiguredTokens(null, null, null);
        assertThat(none.isReservedName("bootstrap-pods")).isTrue();
        assertThat(none.isReservedName("bootstrap")).isTrue();
        assertThat(none.isReservedName("pod-1")).isFalse();
    }
}
