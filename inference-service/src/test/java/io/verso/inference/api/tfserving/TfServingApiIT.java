package io.verso.inference.api.tfserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.inference.testsupport.ModelRepository;
import io.verso.inference.testsupport.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** TensorFlow Serving's REST API over real HTTP against TensorFlow Serving's own SavedModel fixtures. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class TfServingApiIT {

    private static final ModelRepository REPO = new ModelRepository();
    private static final Path REMOVABLE = REPO.copyFixture("saved_model_half_plus_two_2_versions", "removable");

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        model(registry, 0, "half_plus_two", REPO.copyFixture("saved_model_half_plus_two_cpu", "half_plus_two"));
        model(registry, 1, "tf2", REPO.copyFixture("saved_model_half_plus_two_tf2_cpu", "tf2"));
        model(registry, 2, "half_plus_three", REPO.copyFixture("saved_model_half_plus_three", "half_plus_three"));
        model(registry, 3, "two_versions", REPO.copyFixture("saved_model_half_plus_two_2_versions", "two_versions"));
        registry.add("verso.inference.models[3].version-policy", () -> "ALL");
        model(registry, 4, "removable", REMOVABLE);
        registry.add("verso.inference.models[4].version-policy", () -> "ALL");
        registry.add("verso.inference.models[3].labels.stable", () -> "123");
        registry.add("verso.inference.models[3].labels.canary", () -> "124");
        model(registry, 5, "mkl", REPO.copyFixture("saved_model_half_plus_two_mkl", "mkl"));
        registry.add("verso.inference.poll-interval", () -> "200ms");
        registry.add("verso.inference.max-request-size", () -> "16MB");
    }

    private static void model(DynamicPropertyRegistry registry, int i, String name, Path basePath) {
        registry.add("verso.inference.models[" + i + "].name", () -> name);
        registry.add("verso.inference.models[" + i + "].base-path", basePath::toString);
    }

    @Autowired
    WebTestClient http;

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    private WebTestClient.ResponseSpec post(String path, String json) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private void expectError(WebTestClient.ResponseSpec response, int status, String messagePart) {
        response.expectStatus().isEqualTo(status)
                .expectBody().jsonPath("$.error").value(String.class, m -> assertThat(m).contains(messagePart));
    }

    @Test
    void predictsRowFormatLikeTensorFlowServing() {
        post("/v1/models/half_plus_two:predict", "{\"instances\": [1.0, 2.0, 5.0]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [2.5, 3.0, 4.5]}", true);
    }

    @Test
    void predictsColumnarFormat() {
        post("/v1/models/half_plus_two:predict", "{\"inputs\": {\"x\": [[1.0], [2.0], [5.0]]}}")
                .expectStatus().isOk().expectBody().json("{\"outputs\": [[2.5], [3.0], [4.5]]}", true);
        post("/v1/models/half_plus_two:predict", "{\"inputs\": [1.0, 2.0, 5.0]}")
                .expectStatus().isOk().expectBody().json("{\"outputs\": [2.5, 3.0, 4.5]}", true);
    }

    @Test
    void predictsNamedInstances() {
        post("/v1/models/half_plus_two:predict", "{\"instances\": [{\"x\": [1.0]}, {\"x\": [2.0]}, {\"x\": [5.0]}]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [[2.5], [3.0], [4.5]]}", true);
    }

    @Test
    void predictsOtherSignaturesByName() {
        post("/v1/models/half_plus_two:predict",
                "{\"signature_name\": \"regress_x2_to_y3\", \"instances\": [1.0, 2.0, 5.0]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [3.5, 4.0, 5.5]}", true);
    }

    @Test
    void reportsStatusAndMetadata() {
        http.get().uri("/v1/models/half_plus_two").exchange().expectStatus().isOk().expectBody().json("""
                {"model_version_status": [{"version": "123", "state": "AVAILABLE",
                  "status": {"error_code": "OK", "error_message": ""}}]}""", true);
        http.get().uri("/v1/models/half_plus_two/versions/123/metadata").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.model_spec.version").isEqualTo("123")
                .jsonPath("$.metadata.signature_def.signature_def.serving_default.method_name")
                .isEqualTo("tensorflow/serving/predict")
                .jsonPath("$.metadata.signature_def.signature_def.serving_default.inputs.x.dtype").isEqualTo("DT_FLOAT")
                .jsonPath("$.metadata.signature_def.signature_def.serving_default.inputs.x.tensor_shape.dim[0].size")
                .isEqualTo("-1")
                .jsonPath("$.metadata.signature_def.signature_def.classify_x_to_y.inputs.inputs.tensor_shape.unknown_rank")
                .isEqualTo(true);
    }

    @Test
    void classifiesAndRegressesExamples() {
        String examples = "{\"signature_name\": \"%s\", \"examples\": [{\"x\": 1.0}, {\"x\": 2.0}, {\"x\": 5.0}]}";
        post("/v1/models/half_plus_two:classify", examples.formatted("classify_x_to_y")).expectStatus().isOk()
                .expectBody().json("{\"results\": [[[\"\", 2.5]], [[\"\", 3.0]], [[\"\", 4.5]]]}", true);
        post("/v1/models/half_plus_two:regress", examples.formatted("regress_x_to_y")).expectStatus().isOk()
                .expectBody().json("{\"results\": [2.5, 3.0, 4.5]}", true);
        post("/v1/models/half_plus_two:regress",
                "{\"signature_name\": \"regress_x_to_y2\", \"context\": {\"x\": 2.0}, \"examples\": [{}, {\"x\": 5.0}]}")
                .expectStatus().isOk().expectBody().json("{\"results\": [4.0, 5.5]}", true);
        expectError(post("/v1/models/half_plus_two:classify", examples.formatted("regress_x_to_y")), 400,
                "tensorflow/serving/classify");
    }

    @Test
    void servesTf2ExportsAndChecksFixedDimensions() {
        post("/v1/models/tf2:predict", "{\"instances\": [5.0]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [4.5]}", true);
        post("/v1/models/tf2:regress",
                "{\"signature_name\": \"regress_x_to_y\", \"examples\": [{\"x\": 1.0}, {\"x\": 2.0}, {\"x\": 5.0}]}")
                .expectStatus().isOk().expectBody().json("{\"results\": [2.5, 3.0, 4.5]}", true);
        expectError(post("/v1/models/tf2:predict", "{\"instances\": [1.0, 2.0, 5.0]}"), 400,
                "dimension 0 must be 1, not 3");
    }

    @Test
    void servesHalfPlusThreeWithItsBrokenSignatureReported() {
        post("/v1/models/half_plus_three:predict", "{\"instances\": [1.0, 2.0, 5.0]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [3.5, 4.0, 5.5]}", true);
        http.get().uri("/v1/models/half_plus_three/metadata").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.metadata.verso_unavailable_signatures['tensorflow/serving/regress']")
                .value(String.class, reason -> assertThat(reason).contains("DT_STRING"));
        expectError(post("/v1/models/half_plus_three:regress",
                "{\"signature_name\": \"tensorflow/serving/regress\", \"examples\": [{\"x\": 1.0}]}"), 400,
                "unavailable");
    }

    @Test
    void pinsVersionsByNumberAndLabel() {
        for (String path : List.of("/versions/123", "/versions/124", "/labels/stable", "/labels/canary", "")) {
            post("/v1/models/two_versions" + path + ":predict", "{\"instances\": [1.0, 2.0, 5.0]}")
                    .expectStatus().isOk().expectBody().json("{\"predictions\": [2.5, 3.0, 4.5]}", true);
        }
        http.get().uri("/v1/models/two_versions/labels/canary").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.model_version_status[0].version").isEqualTo("124");
        expectError(post("/v1/models/two_versions/versions/125:predict", "{\"instances\": [1.0]}"), 404,
                "Servable not found for request: Specific(two_versions, 125)");
        expectError(post("/v1/models/two_versions/labels/beta:predict", "{\"instances\": [1.0]}"), 400,
                "Unrecognized servable version label: beta");
    }

    @Test
    void rejectsBadRequestsWithClearMessagesAndKeepsServing() {
        String url = "/v1/models/half_plus_two:predict";
        expectError(post(url, "{\"inputs\": {\"z\": [1.0]}}"), 400, "input 'z' is not an input of signature");
        expectError(post(url, "{\"instances\": [\"a\", \"b\"]}"), 400, "element 0 of its data is \"a\"; expected a number");
        expectError(post(url, "{\"instances\": [[[1.0]]]}"), 400, "expects shape [-1,1] (rank 2) but got shape [1,1,1]");
        expectError(post(url, "{\"instances\": [[1.0], [2.0, 3.0]]}"), 400, "not a rectangular tensor");
        expectError(post(url, "{\"instances\": [1.0], \"inputs\": [1.0]}"), 400, "Expected exactly one of");
        expectError(post(url, "{\"instances\": [1.0, 2.0"), 400, "malformed JSON");
        expectError(post(url, ""), 400, "request body must be a JSON object");
        expectError(post(url, "{\"signature_name\": \"nope\", \"instances\": [1.0]}"), 400,
                "Serving signature name: \"nope\" not found");
        expectError(post("/v1/models/missing:predict", "{\"instances\": [1.0]}"), 404,
                "Servable not found for request: Latest(missing)");
        expectError(http.get().uri("/v1/models/missing").exchange(), 404, "Could not find any versions of model missing");
        expectError(http.get().uri("/v1/models/half_plus_two:predict").exchange(), 400, "Malformed request");

        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(7).nextBytes(garbage);
        http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(garbage).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST).expectBody().jsonPath("$.error").exists();
        byte[] oversized = "{\"instances\": [1.0]}".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        expectError(http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(oversized).exchange(),
                413, "too large");

        predictsRowFormatLikeTensorFlowServing();
    }

    @Test
    void mapsTensorFlowRuntimeErrorsToBadRequestAndKeepsServing() {
        // The mkl fixture's y3 is declared [1,10,10,1]; with a batch of 3 TensorFlow itself fails the op.
        expectError(post("/v1/models/mkl:predict",
                "{\"signature_name\": \"regress_x2_to_y3\", \"instances\": [[1.0], [2.0], [5.0]]}"), 400,
                "Incompatible shapes");
        post("/v1/models/mkl:predict", "{\"instances\": [1.0, 2.0, 5.0]}")
                .expectStatus().isOk().expectBody().json("{\"predictions\": [2.5, 3.0, 4.5]}", true);
    }

    @Test
    void keepsAnsweringWhileARemovedVersionUnloads() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        Thread client = new Thread(() -> {
            while (running.get()) {
                statuses.add(post("/v1/models/removable:predict", "{\"instances\": [1.0]}")
                        .returnResult(String.class).getStatus().value());
            }
        });
        client.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() > 5);
            TestFiles.deleteTree(REMOVABLE.resolve("00000124"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    http.get().uri("/v1/models/removable/versions/124").exchange().expectBody()
                            .jsonPath("$.model_version_status[0].state").isEqualTo("END"));
            int before = statuses.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses.size() > before + 5);
        } finally {
            running.set(false);
            client.join();
        }
        assertThat(statuses).isNotEmpty().allMatch(status -> status == 200);
        expectError(post("/v1/models/removable/versions/124:predict", "{\"instances\": [1.0]}"), 404,
                "Specific(removable, 124)");
    }
}
