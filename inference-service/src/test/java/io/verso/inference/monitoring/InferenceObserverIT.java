package io.verso.inference.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.TensorValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data plane reports every inference call, answered or failed, to the observers exactly once. */
class InferenceObserverIT extends MonitoringServerSupport {

    private static final String PREDICT = "{\"instances\": [1.0, 2.0, 5.0]}";

    @Test
    void reportsAnAnsweredTfServingCallWithTheClientsRequestId() {
        postJson("/v1/models/half_plus_two:predict", PREDICT, "X-Request-Id", "client-id-1",
                "X-Verso-Slice", "mobile", "X-Other", "ignored")
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "client-id-1");

        InferenceRecord record = onlyRecord("client-id-1");
        assertThat(record.api()).isEqualTo("tfserving");
        assertThat(record.method()).isEqualTo("predict");
        assertThat(record.model()).isEqualTo("half_plus_two");
        assertThat(record.version()).isEqualTo(123);
        assertThat(record.signature()).isEqualTo("serving_default");
        assertThat(record.error()).isNull();
        assertThat(record.inputs().get("x").floats()).containsExactly(1f, 2f, 5f);
        assertThat(record.outputs().get("y").floats()).containsExactly(2.5f, 3f, 4.5f);
        assertThat(record.headers()).isEqualTo(Map.of("x-verso-slice", "mobile"));
        assertThat(record.requestBytes()).isEqualTo(PREDICT.getBytes(StandardCharsets.UTF_8).length);
        assertThat(record.totalNanos()).isPositive().isGreaterThanOrEqualTo(record.runNanos());
        assertThat(record.runNanos()).isPositive();
        assertThat(record.queueNanos()).isNotNegative();
    }

    @Test
    void reportsBadInputWithTheCodeTheClientGot() {
        String id = requestIdOf(postJson("/v1/models/half_plus_two:predict", "{\"instances\": [\"text\"]}")
                .expectStatus().isBadRequest());
        InferenceRecord decodeFailure = onlyRecord(id);
        assertThat(decodeFailure.error()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(decodeFailure.version()).isEqualTo(123);
        assertThat(decodeFailure.inputs()).isNull();
        assertThat(decodeFailure.outputs()).isNull();

        // Not JSON at all: the call fails in the handler, before the data plane, and is still reported once.
        String malformedId = requestIdOf(postJson("/v1/models/half_plus_two:classify", "{not json",
                "X-Request-Id", "bad-json").expectStatus().isBadRequest());
        assertThat(malformedId).isEqualTo("bad-json");
        InferenceRecord malformed = onlyRecord("bad-json");
        assertThat(malformed.method()).isEqualTo("classify");
        assertThat(malformed.error()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(malformed.version()).isZero();
        assertThat(malformed.signature()).isNull();
        assertThat(malformed.requestBytes()).isEqualTo(9);
    }

    @Test
    void reportsAnUnknownModelWithoutAVersion() {
        String id = requestIdOf(postJson("/v2/models/no_such_model/infer", """
                {"inputs": [{"name": "x", "datatype": "FP32", "shape": [1], "data": [1.0]}]}""",
                "X-Request-Id", "not valid because of spaces").expectStatus().isNotFound());
        assertThat(id).isNotEqualTo("not valid because of spaces");
        InferenceRecord record = onlyRecord(id);
        assertThat(record.api()).isEqualTo("v2");
        assertThat(record.method()).isEqualTo("infer");
        assertThat(record.model()).isEqualTo("no_such_model");
        assertThat(record.version()).isZero();
        assertThat(record.signature()).isNull();
        assertThat(record.error()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void usesTheV2BodyIdWhenNoHeaderNamesOne() {
        postJson("/v2/models/half_plus_two/infer", """
                {"id": "body-id-7", "inputs": [{"name": "x", "datatype": "FP32", "shape": [2], "data": [1.0, 3.0]}]}""")
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "body-id-7")
                .expectBody().jsonPath("$.id").isEqualTo("body-id-7");
        InferenceRecord record = onlyRecord("body-id-7");
        assertThat(record.outputs().values()).extracting(TensorValue::floats)
                .containsExactly(new float[] {2.5f, 3.5f});
    }

    private static String requestIdOf(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        String id = spec.returnResult(byte[].class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(id).as("X-Request-Id on the answer").isNotBlank();
        return id;
    }

    /** The observer runs once the call finishes, which may be just after the client has its answer. */
    private InferenceRecord onlyRecord(String requestId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !observer.forRequest(requestId).isEmpty());
        List<InferenceRecord> records = observer.forRequest(requestId);
        assertThat(records).hasSize(1);
        return records.get(0);
    }
}
