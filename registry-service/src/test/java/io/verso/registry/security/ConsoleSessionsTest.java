package io.verso.registry.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's session store with the bootstrap token (checked without a database): what it hands out, that it
 * forgets closed sessions and that no number of sign-ins grows it past its bound.
 */
class ConsoleSessionsTest {

    private static final String TOKEN = "console-sessions-test-token";
    private final ConsoleSessions sessions = new ConsoleSessions(new TokenService(null,
            new ConfiguredTokens(TOKEN, null, null, false), java.time.Clock.systemUTC()));

    @Test
    void aSessionIdIsRandomNotTheTokenAndEndsWhenClosed() {
        ConsoleSessions.Opened first = sessions.open(TOKEN).orElseThrow();
        ConsoleSessions.Opened second = sessions.open(TOKEN).orElseThrow();
        assertThat(first.id()).doesNotContain(TOKEN).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(second.id());
        assertThat(first.principal().role()).isEqualTo(Role.ADMIN);

        ConsoleSessions.SignedIn signedIn = sessions.find(first.id()).orElseThrow();
        assertThat(signedIn.principal().name()).isEqualTo(ConfiguredTokens.ADMIN);
        assertThat(signedIn.csrfToken()).isNotEqualTo(sessions.find(second.id()).orElseThrow().csrfToken());

        sessions.close(first.id());
        assertThat(sessions.find(first.id())).isEmpty();
        assertThat(sessions.find(second.id())).isPresent();
        assertThat(sessions.find("made-up")).isEmpty();
    }

    @Test
    void signingInOverAndOverNeverGrowsTheStorePastItsBound() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ConsoleSessions.MAX_SESSIONS + 500; i++) {
            ids.add(sessions.open(TOKEN).orElseThrow().id());
        }
        assertThat(sessions.size()).isLessThanOrEqualTo(ConsoleSessions.MAX_SESSIONS);
        assertThat(sessions.find(ids.get(ids.size() - 1))).as("the newest session survives").isPresent();
    }
}
