package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drift end to end: real HTTP, real TensorFlow. The model is TensorFlow Serving's {@code half_plus_two} fixture
 * (input {@code x}, float32 {@code [batch]}) served as {@code drifting}, with a baseline this test writes into its
 * version directory ({@code verso-baseline.json}): x was uniform on [0, 10] in training, 10 equal-width bins
 * (boundaries 1..9, 10% each), range [0, 10]. The same model without a baseline is served as {@code plain}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class DriftAcceptanceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASELINE = """
            {"x": {"count": 1000, "mean": 5.0, "stddev": 2.887, "min": 0.0, "max": 10.0, "missingFraction": 0.0,
                   "histogram": {"boundaries": [1, 2, 3, 4, 5, 6, 7, 8, 9],
                                 "fractions": [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]}}}
            """;

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        Path withBaseline = copyWithBaseline();
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> "drifting");
        registry.add("verso.inference.models[0].base-path", withBaseline::toString);
        registry.add("verso.inference.models[1].name", () -> "plain");
        registry.add("verso.inference.models[1].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        registry.add("verso.inference.monitoring.models.drifting.drift.min-samples", () -> "100");
        registry.add("verso.inference.monitoring.models.drifting.drift.psi", () -> "0.2");
    }

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    /**
     * Phase 1, from the training distribution: x = 0.05, 0.15, ..., 9.95 (100 values), 10 in every bin, so the
     * serving histogram equals the baseline: PSI 0, JS distance 0, nothing breached.
     *
     * <p>Phase 2 adds 300 shifted values: three times x + 3 = 3.05 ... 12.95. The window then holds 400 values:
     * bins 0–2 (below 3) only the 10 each of phase 1 → 0.025; bins 3–8: 10 + 30 = 40 → 0.1; bin 9 (≥ 9):
     * 10 + 3 × 40 = 130 → 0.325. Against 0.1 per bin:
     * <pre>
     *   PSI = 3 (0.025 - 0.1) ln(0.025 / 0.1) + 6 · 0 + (0.325 - 0.1) ln(0.325 / 0.1)
     *       = 0.225 ln 4 + 0.225 ln 3.25 = 0.31191623 + 0.26519737 = 0.57711361          (> 0.2: breach)
     *   M = (S + B) / 2: bins 0–2 0.0625, bins 3–8 0.1, bin 9 0.2125
     *   KL(S||M) = 3 · 0.025 log2(0.025/0.0625) + 0.325 log2(0.325/0.2125)
     *            = 3 · (-0.03304820) + 0.19921748 = 0.10007288
     *   KL(B||M) = 3 · 0.1 log2(0.1/0.0625) + 0.1 log2(0.1/0.2125)
     *            = 3 · 0.06780719 - 0.10874628 = 0.09467529
     *   JS divergence = (0.10007288 + 0.09467529) / 2 = 0.09737408; JS distance = sqrt = 0.31204821  (> 0.1)
     * </pre>
     * The shifted values 10.05 ... 12.95 (30 in each of the 3 copies, 90 in all) are above the training max 10:
     * out-of-range skew.
     */
    @Test
    void trainingLikeTrafficPassesAndShiftedTrafficIsFlagged() {
        List<Double> training = IntStream.range(0, 100).mapToObj(i -> i / 10.0 + 0.05).toList();
        predict(training);
        JsonNode steady = awaitCount(100);
        JsonNode x = steady.get("features").get(0);
        assertThat(x.get("feature").asString()).isEqualTo("x");
        assertThat(x.get("psi").asDouble()).isCloseTo(0, within(1e-9));
        assertThat(x.get("jsDistance").asDouble()).isCloseTo(0, within(1e-6));
        assertThat(x.get("mean").asDouble()).isCloseTo(5.0, within(1e-5));
        assertThat(x.get("judged").asBoolean()).isTrue();
        assertThat(x.at("/breached/psi").asBoolean()).isFalse();
        assertThat(steady.get("breached").asBoolean()).isFalse();
        assertThat(steady.at("/thresholds/psi").asDouble()).isEqualTo(0.2);
        assertThat(steady.get("windowSeconds").asLong()).isEqualTo(600);
        assertThat(metric("verso_drift_breach", "metric=\"psi\"")).isEqualTo(0.0);

        List<Double> shifted = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            training.forEach(value -> shifted.add(value + 3));
        }
        predict(shifted);
        JsonNode drifted = awaitCount(400);
        x = drifted.get("features").get(0);
        assertThat(doubles(x.at("/histogram/serving"))).containsExactly(0.025, 0.025, 0.025, 0.1, 0.1, 0.1, 0.1,
                0.1, 0.1, 0.325);
        assertThat(x.get("psi").asDouble()).isCloseTo(0.57711361, within(1e-6));
        assertThat(x.get("jsDistance").asDouble()).isCloseTo(0.31204821, within(1e-6));
        assertThat(x.at("/breached/psi").asBoolean()).isTrue();
        assertThat(x.at("/breached/js_distance").asBoolean()).isTrue();
        assertThat(drifted.get("breached").asBoolean()).isTrue();

        assertThat(metric("verso_drift_breach", "metric=\"psi\"")).isEqualTo(1.0);
        assertThat(metric("verso_drift_psi", "feature=\"x\"")).isCloseTo(0.57711361, within(1e-6));
        assertThat(metric("verso_drift_js_distance", "feature=\"x\"")).isCloseTo(0.31204821, within(1e-6));
        assertThat(metric("verso_skew_total", "kind=\"out_of_range\"")).isEqualTo(90.0);
    }

    @Test
    void versionsWithoutBaselineOrUnknownAre404WithAJsonError() {
        http.get().uri("/monitoring/models/plain/versions/123/drift").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("no training baseline"));
        http.get().uri("/monitoring/models/drifting/versions/7/drift").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").isEqualTo("model 'drifting' has no version 7 on this pod");
        http.get().uri("/monitoring/models/nope/versions/1/drift").exchange().expectStatus().isNotFound();
        http.get().uri("/monitoring/models/drifting/versions/latest/drift").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("version must be a number, but was 'latest'");
    }

    private void predict(List<Double> values) {
        for (int from = 0; from < values.size(); from += 50) {
            String instances = values.subList(from, Math.min(values.size(), from + 50)).stream()
                    .map(v -> String.format(Locale.ROOT, "%.2f", v)).collect(Collectors.joining(","));
            http.post().uri("/v1/models/drifting:predict").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"instances\": [" + instances + "]}").exchange().expectStatus().isOk();
        }
    }

    /** The drift worker counts off the request path: wait until it has seen {@code count} values. */
    private JsonNode awaitCount(long count) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            byte[] body = http.get().uri("/monitoring/models/drifting/versions/123/drift").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody();
            report[0] = JSON.readTree(body);
            assertThat(report[0].at("/features/0/count").asLong()).isEqualTo(count);
        });
        return report[0];
    }

    /** The value of the one series of {@code name} for model drifting, feature x, with {@code label}. */
    private double metric(String name, String label) {
        String text = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        List<Double> values = new ArrayList<>();
        while (line.find()) {
            String labels = line.group(1);
            if (labels.contains("model=\"drifting\"") && labels.contains("feature=\"x\"") && labels.contains(label)) {
                values.add(Double.parseDouble(line.group(2)));
            }
        }
        assertThat(values).as(name + " with " + label).hasSize(1);
        return values.get(0);
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(node -> values.add(Math.round(node.asDouble() * 1e9) / 1e9));
        return values;
    }

    private static Path copyWithBaseline() {
        try {
            Path base = Path.of("target", "drift-it", UUID.randomUUID().toString()).toAbsolutePath();
            Files.createDirectories(base.getParent());
            TestFiles.copyTree(Fixtures.model("saved_model_half_plus_two_cpu"), base);
            Files.writeString(base.resolve("00000123").resolve(VersionDirectoryBaselines.FILE_NAME), BASELINE);
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
