package io.verso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.e2e.HostileBodies.BinaryRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over ten thousand generated malformed and adversarial requests ({@link HostileBodies}) through the gateway to an
 * inference pod, on both APIs: each must be answered 2xx or 4xx with a JSON body, never 5xx. Afterwards the pod
 * still answers valid requests correctly and its heap, after a full GC, is back near where it was before.
 *
 * <p>Each case is made from its own seed, {@code verso.fuzz.seed} (default: a new one per run) plus its number, and a
 * failure names the seed that makes it again: {@code -Dverso.fuzz.seed=<seed> }.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    /** How many times the default number of cases to send; the {@code soak} profile raises it. */
    private static final int SCALE = Integer.getInteger("verso.e2e.fuzz-scale", 1);
    private static final int TF_SERVING_CASES = 4_000 * SCALE;
    private static final int V2_JSON_CASES = 3_500 * SCALE;
    private static final int V2_BINARY_CASES = 2_500 * SCALE;
    private static final String[] TF_SERVING_PATHS = {"/v1/models/half_plus_two:predict",
        "/v1/models/half_plus_two:classify", "/v1/models/half_plus_two:regress",
        "/v1/models/half_plus_two/versions/1:predict", "/v1/models/simple:predict"};
    private static final String V2_INFER = "/v2/models/simple/infer";
    /** Heap a pod may keep above its baseline after a full GC: caches, compiled paths and buffer pools warmed up. */
    private static final long HEAP_TOLERANCE_BYTES = 64L * 1024 * 1024;
    private static final String HEADER_LENGTH = "Inference-Header-Content-Length";
    private static final JsonMapper ANSWERS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final long SEED = Long.getLong("verso.fuzz.seed", System.nanoTime());
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    static Platform platform;
    static HeapProbe heap;
    static long baselineHeap;
    static final Figures figures = new Figures("hostile-input");
    static final Map<Integer, Integer> statuses = new TreeMap<>();

    /** A generated request: where it goes, its body and headers, and how to describe it in a failure. */
    private record Case(String path, String contentType, byte[] body, String headerLength, String description) {
    }

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = Platform.start(work, "HostileInputIT", 1);
        for (String model : new String[] {Platform.HALF_PLUS_TWO, Platform.SIMPLE}) {
            platform.serveVersionOne(model, 1);
        }
        // Warm both paths first, so the baseline already holds what serving keeps for good.
        for (int i = 0; i < 200; i++) {
            assertValidRequestsAnswerCorrectly();
        }
        heap = new HeapProbe(platform.pod("pod-1").pid());
        baselineHeap = heap.usedAfterGc();
        figures.put("seed", SEED).put("heapBaselineMiB", baselineHeap >> 20);
    }

    @AfterAll
    static void stopThePlatform() throws Exception {
        figures.put("statuses", statuses).put("cases", statuses.values().stream().mapToInt(Integer::intValue).sum());
        figures.write();
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void theTfServingApiAnswersHostileBodiesWithoutServerErrors() throws Exception {
        assertNoServerErrors(TF_SERVING_CASES, 0, c -> {
            String body = HostileBodies.tfServing(c);
            return new Case(c.oneOf(TF_SERVING_PATHS), "application/json", utf8(body), null, body);
        });
    }

    @Test
    @Order(2)
    void theV2ApiAnswersHostileJsonWithoutServerErrors() throws Exception {
        assertNoServerErrors(V2_JSON_CASES, TF_SERVING_CASES, c -> {
            String body = HostileBodies.v2Json(c);
            return new Case(V2_INFER, "application/json", utf8(body), null, body);
        });
    }

    @Test
    @Order(3)
    void theV2BinaryExtensionAnswersHostileRequestsWithoutServerErrors() throws Exception {
        assertNoServerErrors(V2_BINARY_CASES, TF_SERVING_CASES + V2_JSON_CASES, c -> {
            BinaryRequest request = HostileBodies.v2Binary(c);
            return new Case(V2_INFER, "application/octet-stream", request.body(), request.headerLength(),
                    request.toString());
        });
    }

    @Test
    @Order(4)
    void afterwardsThePodAnswersCorrectlyAndItsHeapIsBackToItsBaseline() throws Exception {
        assertValidRequestsAnswerCorrectly();
        long[] after = new long[1];
        await("the pod's heap after a full GC within " + (HEAP_TOLERANCE_BYTES >> 20) + " MiB of its baseline")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                    after[0] = heap.usedAfterGc();
                    return after[0] <= baselineHeap + HEAP_TOLERANCE_BYTES;
                });
        figures.put("heapAfterMiB", after[0] >> 20);
    }

    /** Sends {@code count} generated cases; fails listing (a few of) those answered 5xx or without a JSON body. */
    private static void assertNoServerErrors(int count, int firstCase, Function<Choices, Case> generator)
            throws Exception {
        List<String> wrong = new ArrayList<>();
        int wrongCount = 0;
        for (int i = 0; i < count; i++) {
            long seed = SEED + firstCase + i;
            Case sent = generator.apply(new Choices(seed));
            HttpResponse<byte[]> answer = send(sent);
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (!acceptable(answer)) {
                wrongCount++;
                if (wrong.size() < 10) {
                    wrong.add("seed " + seed + ": " + sent.path() + " answered " + answer.statusCode() + " "
                            + HostileBodies.preview(answer.body()) + " to " + abbreviated(sent.description()));
                }
            }
        }
        assertThat(wrong).as(wrongCount + " of " + count + " cases answered 5xx, 3xx or without a JSON object")
                .isEmpty();
    }

    /**
     * 2xx or 4xx, with a JSON object as the body either way: the whole body, or with Triton's binary extension the
     * JSON header before the raw output tensors. Bare NaN and Infinity count as JSON, since TF Serving writes them.
     */
    private static boolean acceptable(HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        if (status / 100 != 2 && status / 100 != 4) {
            return false;
        }
        try {
            int length = answer.headers().firstValue(HEADER_LENGTH).map(Integer::parseInt)
                    .orElse(answer.body().length);
            return ANSWERS.readTree(answer.body(), 0, length).isObject();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private static HttpResponse<byte[]> send(Case sent) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(platform.client().base().resolve(sent.path()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", sent.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        if (sent.headerLength() != null) {
            request.header(HEADER_LENGTH, sent.headerLength());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertValidRequestsAnswerCorrectly() throws IOException, InterruptedException {
        HttpResponse<byte[]> predict = send(new Case("/v1/models/half_plus_two:predict", "application/json",
                utf8(HostileBodies.VALID_PREDICT), null, "valid predict"));
        assertThat(predict.statusCode()).isEqualTo(200);
        assertThat(new String(predict.body(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\":[[2.5],[4.5]]}");
        HttpResponse<byte[]> infer = send(new Case(V2_INFER, "application/json", utf8(HostileBodies.VALID_V2), null,
                "valid infer"));
        assertThat(infer.statusCode()).isEqualTo(200);
        assertThat(new String(infer.body(), StandardCharsets.UTF_8)).contains("\"OUTPUT0\"")
                .contains("[0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30]");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " chars)" : text;
    }
}
