package io.verso.inference.monitoring.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.demo.iris.IrisDataset;
import io.verso.demo.iris.IrisModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
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
 * Drift on the Iris demo classifier, as a user meets it: version 1 trained with TensorFlow Java by demo-models, its
 * registered training baselines (per feature, 10 bins over the training range) beside it, and its one input
 * {@code features} [batch, 4] mapped to the four feature names. The 150 rows of the data set are the training
 * distribution (120 of them are the training split), so they stay under the PSI threshold; the same rows with petals
 * 2 cm longer are the shifted population, which must be flagged on petal_length and only there.
 * {@link DriftAcceptanceIT} checks the exact PSI and JS values against a hand-computed example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class IrisDriftIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PETAL_LENGTH = IrisDataset.FEATURES.indexOf("petal_length");

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        Path root = irisWithBaseline();
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> IrisModel.NAME);
        registry.add("verso.inference.models[0].base-path", () -> root.resolve(IrisModel.NAME).toString());
        registry.add("verso.inference.monitoring.models.iris.columns.features",
                () -> String.join(",", IrisDataset.FEATURES));
        registry.add("verso.inference.monitoring.models.iris.drift.min-samples", () -> "100");
        // 150 rows against a 120-row baseline in 10 bins: sampling alone moves the JS distance to ~0.15 (measured),
        // over the 0.1 default meant for larger windows; PSI (default 0.2) stays under 0.14.
        registry.add("verso.inference.monitoring.models.iris.drift.js-distance", () -> "0.2");
    }

    @BeforeEach
    void modelLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void trainingDistributionPassesAndLongerPetalsAreFlagged() {
        IrisDataset data = IrisDataset.load();
        predict(data, UnaryOperator.identity());
        JsonNode steady = awaitCount(data.size());

        assertThat(steady.get("breached").asBoolean()).as(steady.toString()).isFalse();
        for (JsonNode feature : steady.get("features")) {
            assertThat(feature.get("psi").asDouble()).as(feature.toString()).isLessThan(0.15);
            assertThat(feature.get("judged").asBoolean()).isTrue();
        }

        predict(data, row -> {
            double[] shifted = row.clone();
            shifted[PETAL_LENGTH] += 2.0;
            return shifted;
        });
        JsonNode drifted = awaitCount(2L * data.size());

        assertThat(drifted.get("breached").asBoolean()).isTrue();
        for (JsonNode feature : drifted.get("features")) {
            boolean petalLength = feature.get("feature").asString().equals("petal_length");
            assertThat(feature.at("/breached/psi").asBoolean()).as(feature.toString()).isEqualTo(petalLength);
            assertThat(feature.at("/breached/js_distance").asBoolean()).as(feature.toString())
                    .isEqualTo(petalLength);
            if (petalLength) {
                assertThat(feature.get("psi").asDouble()).isGreaterThan(0.2);
            }
        }
    }

    private void predict(IrisDataset data, UnaryOperator<double[]> transform) {
        String instances = Arrays.stream(data.features()).map(transform)
                .map(row -> Arrays.stream(row).mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                        .collect(Collectors.joining(",", "[", "]")))
                .collect(Collectors.joining(","));
        http.post().uri("/v1/models/iris:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [" + instances + "]}").exchange().expectStatus().isOk();
    }

    /** The drift worker counts off the request path: wait until every feature has seen {@code count} values. */
    private JsonNode awaitCount(long count) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            byte[] body = http.get().uri("/monitoring/models/iris/versions/1/drift").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody();
            report[0] = JSON.readTree(body);
            assertThat(report[0].get("features")).hasSize(IrisDataset.FEATURES.size());
            report[0].get("features").forEach(f -> assertThat(f.get("count").asLong()).isEqualTo(count));
        });
        return report[0];
    }

    /** Version 1 as demo-models writes it, with its registered feature baselines as the pod's baseline file. */
    private static Path irisWithBaseline() {
        try {
            Path root = Path.of("target", "iris-drift-it", UUID.randomUUID().toString()).toAbsolutePath();
            IrisModel.writeTo(root, 1);
            JsonNode features = JSON.readTree(IrisModel.metadataFile(root, 1).toFile()).get("features");
            Files.writeString(IrisModel.versionDirectory(root, 1).resolve(VersionDirectoryBaselines.FILE_NAME),
                    JSON.writeValueAsString(features));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
