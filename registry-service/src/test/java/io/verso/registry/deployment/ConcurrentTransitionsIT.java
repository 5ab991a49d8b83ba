package io.verso.registry.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Transitions racing on one deployment: exactly one wins, the others get 409, and the row and the audit trail
 * agree afterwards (one event per revision, the last one describing the row).
 */
class ConcurrentTransitionsIT extends RegistryHttpTest {

    private static final int THREADS = 8;

    /** Promote and rollback race from the same revision (If-Match): whoever commits first, the rest are stale. */
    @Test
    void promoteAndRollbackFromOneRevisionLetExactlyOneWin() throws Exception {
        String model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        long v2 = uploadHalfPlusTwo(model);
        long v3 = uploadHalfPlusTwo(model);
        String base = "/api/v1/models/" + model + "/deployment";
        post(token("deployer"), base + "/promote", "{\"version\":" + v1 + "}");
        post(token("deployer"), base + "/promote", "{\"version\":" + v2 + "}");
        Reply canary = post(token("deployer"), base + "/canary", "{\"version\":" + v3 + ",\"weight\":10}");
        String etag = canary.etag();

        List<Reply> replies = race(i -> i % 2 == 0
                ? call(token("deployer"), HttpMethod.POST, base + "/promote", null, h -> h.setIfMatch(etag))
                : call(token("deployer"), HttpMethod.POST, base + "/rollback", "{\"reason\":\"race " + i + "\"}",
                        h -> h.setIfMatch(etag)));

        assertExactlyOneWinner(replies);
        assertRowAndTrailAgree(model, 4);
    }

    /** Without If-Match: the losers either lose the optimistic lock or find the canary already promoted. */
    @Test
    void concurrentPromotionsOfOneCanaryLetExactlyOneWin() throws Exception {
        String model = newModel();
        long v1 = uploadHalfPlusTwo(model);
        long v2 = uploadHalfPlusTwo(model);
        String base = "/api/v1/models/" + model + "/deployment";
        post(token("deployer"), base + "/promote", "{\"version\":" + v1 + "}");
        post(token("deployer"), base + "/canary", "{\"version\":" + v2 + ",\"weight\":10}");

        List<Reply> replies = race(i -> post(token("deployer"), base + "/promote", "{\"reason\":\"race " + i + "\"}"));

        assertExactlyOneWinner(replies);
        assertRowAndTrailAgree(model, 3);
        assertThat(get(token("viewer"), base).json().get("stableVersion").asLong()).isEqualTo(v2);
    }

    private List<Reply> race(Function<Integer, Reply> request) throws Exception {
        token("deployer");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertExactlyOneWinner(List<Reply> replies) {
        assertThat(replies).as(replies.toString()).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(replies).as(replies.toString()).filteredOn(r -> r.status() != 200)
                .hasSize(THREADS - 1)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.headers().getContentType().toString()).isEqualTo("application/problem+json");
                });
    }

    private void assertRowAndTrailAgree(String model, long expectedRevision) {
        Map<String, Object> row = jdbc.queryForMap("select d.id, d.revision, d.stable_version, d.canary_version, "
                + "d.canary_weight from deployment d join model m on m.id = d.model_id where m.name = ?", model);
        Map<String, Object> trail = jdbc.queryForMap("select count(*) as events, max(revision) as last, "
                + "count(distinct revision) as distinct_revisions from deployment_event where deployment_id = ?",
                row.get("id"));
        Map<String, Object> last = jdbc.queryForMap("select to_stable, to_canary, to_weight from deployment_event "
                + "where deployment_id = ? order by revision desc limit 1", row.get("id"));

        assertThat(row.get("revision")).isEqualTo(expectedRevision);
        assertThat(trail.get("events")).isEqualTo(expectedRevision);
        assertThat(trail.get("distinct_revisions")).isEqualTo(expectedRevision);
        assertThat(trail.get("last")).isEqualTo(expectedRevision);
        assertThat(last.get("to_stable")).isEqualTo(row.get("stable_version"));
        assertThat(last.get("to_canary")).isEqualTo(row.get("canary_version"));
        assertThat(last.get("to_weight")).isEqualTo(row.get("canary_weight"));
    }
}
