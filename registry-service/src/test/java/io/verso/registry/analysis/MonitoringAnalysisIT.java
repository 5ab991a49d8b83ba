package io.verso.registry.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.verso.registry.testsupport.RegistryHttpTest;
import io.verso.registry.testsupport.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pods' monitoring summaries over HTTP on real PostgreSQL: intake, per-version aggregation, replacement, expiry. */
class MonitoringAnalysisIT extends RegistryHttpTest {

    /** 14 latency buckets (upper bounds 1, 2, 5, 10, 20, 50, 100, ... ms, then the rest). */
    private static String latency(int bucket, long count) {
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            counts.append(i == 0 ? "" : ",").append(i == bucket ? count : 0);
        }
        return "{\"counts\":[" + counts + "]}";
    }

    private static String summary(String model, long version, long requests, long errors, String latency,
                                  Double maxPsi, String breaches, String feedback) {
        return "{\"model\":\"" + model + "\",\"version\":" + version + ",\"windowSeconds\":600,\"requests\":"
                + requests + ",\"errors\":" + errors + ",\"latency\":" + latency + ",\"maxPsi\":" + maxPsi
                + ",\"driftBreaches\":" + breaches + feedback + "}";
    }

    private Reply report(String pod, String... summaries) {
        return post(token("machine"), "/api/v1/feed/monitoring",
                "{\"podId\":\"" + pod + "\",\"summaries\":[" + String.join(",", summaries) + "]}");
    }

    /**
     * Pod A: 100 requests, 2 errors, all ≤ 1 ms, PSI 0.05, accuracy 0.9 of 10 labels. Pod B: 300 requests, 10 errors,
     * 290 ≤ 1 ms and 10 in (50, 100] ms, PSI 0.3 with petal_length breached, accuracy 0.5 of 30 labels.
     * Sum: 400 requests, 12 errors (rate 0.03); p50 1 ms; p99 is the 396th of 400 latencies → the (50, 100] bucket
     * → 100 ms; max PSI 0.3; accuracy (0.9·10 + 0.5·30) / 40 = 0.6.
     */
    @Test
    void summariesOfLivePodsAddUpPerVersion() {
        String model = newModel();
        long version = uploadHalfPlusTwo(model);
        String podA = "pod-a-" + UUID.randomUUID();
        String podB = "pod-b-" + UUID.randomUUID();
        String bLatency = "{\"counts\":[290,0,0,0,0,0,10,0,0,0,0,0,0,0]}";

        assertThat(report(podA, summary(model, version, 100, 2, latency(0, 100), 0.05, "[]",
                ",\"feedbackCount\":10,\"accuracy\":0.9")).status()).isEqualTo(200);
        Reply accepted = report(podB, summary(model, version, 300, 10, bLatency, 0.3, "[\"petal_length\"]",
                ",\"feedbackCount\":30,\"accuracy\":0.5"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.at("/expiresAt")).isNotBlank();

        Reply reply = get(token("viewer"), "/api/v1/models/" + model + "/versions/" + version + "/monitoring");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("pods").asInt()).isEqualTo(2);
        assertThat(json.get("requests").asLong()).isEqualTo(400);
        assertThat(json.get("errors").asLong()).isEqualTo(12);
        assertThat(json.get("errorRate").asDouble()).isEqualTo(0.03);
        assertThat(json.get("latencyP50Ms").asDouble()).isEqualTo(1.0);
        assertThat(json.get("latencyP99Ms").asDouble()).isEqualTo(100.0);
        assertThat(json.get("maxPsi").asDouble()).isEqualTo(0.3);
        assertThat(json.get("driftBreaches").get(0).asString()).isEqualTo("petal_length");
        assertThat(json.get("feedbackCount").asLong()).isEqualTo(40);
        assertThat(json.get("accuracy").asDouble()).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(json.get("meanAbsoluteError").isNull()).isTrue();
        assertThat(json.get("windowSeconds").asLong()).isEqualTo(600);
    }

    @Test
    void aReportReplacesThePodsPreviousOneAndExpiredSummariesStopCounting() {
        String model = newModel();
        long version = uploadHalfPlusTwo(model);
        String pod = "pod-" + UUID.randomUUID();
        String path = "/api/v1/models/" + model + "/versions/" + version + "/monitoring";

        report(pod, summary(model, version, 50, 0, latency(2, 50), null, "[]", ""));
        report(pod, summary(model, version, 70, 1, latency(2, 70), null, "[]", ""));
        JsonNode json = get(token("viewer"), path).json();
        assertThat(json.get("pods").asInt()).isEqualTo(1);
        assertThat(json.get("requests").asLong()).isEqualTo(70);
        assertThat(json.get("latencyP99Ms").asDouble()).isEqualTo(5.0);
        assertThat(json.get("feedbackCount").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from monitoring_summary where pod_id = ?", Long.class, pod))
                .isEqualTo(1);

        jdbc.update("update monitoring_summary set expires_at = now() - interval '1 second' where pod_id = ?", pod);
        json = get(token("viewer"), path).json();
        assertThat(json.get("pods").asInt()).isZero();
        assertThat(json.get("requests").asLong()).isZero();
        assertThat(json.get("errorRate").isNull()).isTrue();
        assertThat(json.get("latencyP99Ms").isNull()).isTrue();
    }

    @Test
    void badReportsAreRefusedWithTheFieldAtFault() {
        String model = newModel();
        Reply badPod = report("no spaces allowed", summary(model, 1, 1, 0, latency(0, 1), null, "[]", ""));
        assertThat(badPod.status()).isEqualTo(400);
        assertThat(badPod.at("/field")).isEqualTo("podId");

        Reply moreErrors = report("pod-x", summary(model, 1, 1, 5, latency(0, 1), null, "[]", ""));
        assertThat(moreErrors.status()).isEqualTo(400);
        assertThat(moreErrors.at("/field")).isEqualTo("summaries[0].errors");

        Reply badLatency = report("pod-x", summary(model, 1, 1, 0, "{\"counts\":[1,2]}", null, "[]", ""));
        assertThat(badLatency.status()).isEqualTo(400);
        assertThat(badLatency.at("/detail")).contains("latency.counts must hold 14 buckets");
    }

    @Test
    void onlyMachinesReportAndUnknownVersionsAre404() {
        String model = newModel();
        assertThat(post(token("viewer"), "/api/v1/feed/monitoring", "{\"podId\":\"p\",\"summaries\":[]}").status())
                .isEqualTo(403);
        Reply unknown = get(token("viewer"), "/api/v1/models/" + model + "/versions/99/monitoring");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.at("/field")).isEqualTo("version");
        assertThat(get(token("viewer"), "/api/v1/models/no-such-model/versions/1/monitoring").status())
                .isEqualTo(404);
    }
}
