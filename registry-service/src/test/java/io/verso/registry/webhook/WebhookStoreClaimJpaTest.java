package io.verso.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.JdbcTarget;
import io.verso.registry.testsupport.PostgresInitializer;
import io.verso.registry.testsupport.TestPostgres;
import io.verso.registry.webhook.WebhookStore.ClaimedDelivery;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox's claim against PostgreSQL, as several registry replicas run it at once. Rows are committed (no test
 * transaction), since claimers use their own connections. The test has a database of its own: the webhook
 * dispatchers of other test contexts, still running on the shared run database, would claim its rows first.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = WebhookStoreClaimJpaTest.OwnDatabase.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({WebhookStore.class, WebhookStoreClaimJpaTest.Json.class})
class WebhookStoreClaimJpaTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    static final class OwnDatabase extends PostgresInitializer {
        @Override
        protected JdbcTarget database() {
            return TestPostgres.ownDatabase("webhook_claims");
        }
    }

    @TestConfiguration
    static class Json {
        @Bean
        JsonMapper jsonMapper() {
            return JsonMapper.builder().build();
        }
    }

    @Autowired
    WebhookStore store;

    @Autowired
    JdbcTemplate jdbc;

    private ServerSocket silent;
    private long webhook;

    @BeforeEach
    void webhookThatNeverAnswers() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        webhook = store.insert("http://127.0.0.1:" + silent.getLocalPort() + "/never", "claim-test-secret-0123",
                List.of(), "claim-test").id();
    }

    @AfterEach
    void removeIt() throws IOException {
        store.delete(webhook);
        silent.close();
    }

    @Test
    void concurrentClaimersNeverTakeTheSameDelivery() throws Exception {
        for (int i = 0; i < 120; i++) {
            store.enqueue(webhook, "version.registered", "{\"n\":" + i + "}");
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> loops = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                loops.add(() -> {
                    Optional<ClaimedDelivery> next;
                    while ((next = store.claimNext(LEASE)).isPresent()) {
                        claimed.add(next.get().id());
                    }
                    return null;
                });
            }
            for (Future<Void> loop : replicas.invokeAll(loops)) {
                loop.get();
            }
        } finally {
            replicas.shutdownNow();
        }

        List<Long> mine = jdbc.queryForList("select id from webhook_delivery where webhook_id = ?", Long.class,
                webhook);
        assertThat(claimed).doesNotHaveDuplicates();
        assertThat(claimed).containsExactlyInAnyOrderElementsOf(mine);
    }

    @Test
    void aClaimIsLeasedAndTheAttemptOutcomeSetsStatusAttemptsAndNextAttempt() {
        store.enqueue(webhook, "deployment.promote", "{}");
        long id = jdbc.queryForObject("select id from webhook_delivery where webhook_id = ?", Long.class, webhook);
        ClaimedDelivery first = claimOwn(id);

        Optional<ClaimedDelivery> whileLeased = claimOwnOrEmpty(id);
        store.retryLater(id, 503, "the receiver answered HTTP 503", Duration.ZERO);
        ClaimedDelivery second = claimOwn(id);
        store.failed(id, null, "no answer within PT10S");

        assertThat(first.attempts()).isZero();
        assertThat(first.url()).endsWith("/never");
        assertThat(first.secret()).isEqualTo("claim-test-secret-0123");
        assertThat(whileLeased).isEmpty();
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(store.deliveries(webhook, 10)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("FAILED");
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastHttpStatus()).isNull();
            assertThat(d.lastError()).isEqualTo("no answer within PT10S");
            assertThat(d.nextAttemptAt()).isNull();
            assertThat(d.finishedAt()).isNotNull();
        });
    }

    /** Claims until this test's delivery comes up (the other test's rows may still be due; they are skipped). */
    private ClaimedDelivery claimOwn(long id) {
        return claimOwnOrEmpty(id).orElseThrow(() -> new AssertionError("delivery " + id + " was not claimable"));
    }

    private Optional<ClaimedDelivery> claimOwnOrEmpty(long id) {
        Optional<ClaimedDelivery> next;
        while ((next = store.claimNext(LEASE)).isPresent()) {
            if (next.get().id() == id) {
                return next;
            }
        }
        return Optional.empty();
    }
}
