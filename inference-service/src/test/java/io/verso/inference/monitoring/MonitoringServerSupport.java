package io.verso.inference.monitoring;

import static org.awaitility.Awaitility.await;

import io.verso.inference.testsupport.Fixtures;
import io.verso.inference.testsupport.ModelRepository;
import io.verso.inference.testsupport.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole inference service on a random port with real TensorFlow, serving TensorFlow Serving's
 * {@code half_plus_two} fixture (version 123; regression, sliced by header {@code X-Verso-Slice} into
 * {@code mobile}, {@code web}, "other" and "none"; every call logged) and {@code classifier} (version 1, see
 * {@link TestModels#twoClassClassifier}; sliced by its third feature {@code size} at 5.0; never logged). The
 * monitoring ITs extend this class so they share one application context; a {@link RecordingObserver} sees every
 * call and a {@link GatedStreamOpener} writes the prediction log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@Import({RecordingObserver.class, GatedStreamOpener.class})
abstract class MonitoringServerSupport {

    static final ModelRepository REPO = new ModelRepository();
    static final Path PREDICTION_LOG = REPO.root().resolve("prediction-log");
    static final int LOG_QUEUE_CAPACITY = 4;

    @Autowired
    WebTestClient http;

    @Autowired
    RecordingObserver observer;

    @Autowired
    GatedStreamOpener disk;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        Path classifier = REPO.root().resolve("classifier");
        TestModels.twoClassClassifier(classifier.resolve("1"));
        registry.add("verso.inference.models[1].name", () -> "classifier");
        registry.add("verso.inference.models[1].base-path", classifier::toString);

        String log = "verso.inference.monitoring.prediction-log.";
        registry.add(log + "directory", PREDICTION_LOG::toString);
        registry.add(log + "queue-capacity", () -> LOG_QUEUE_CAPACITY);
        registry.add(log + "max-file-age", () -> "1h");
        String halfPlusTwo = "verso.inference.monitoring.models.half_plus_two.";
        registry.add(halfPlusTwo + "prediction-log-rate", () -> "1.0");
        registry.add(halfPlusTwo + "slices.header", () -> "X-Verso-Slice");
        registry.add(halfPlusTwo + "slices.values", () -> "mobile,web");
        String classifierSettings = "verso.inference.monitoring.models.classifier.";
        registry.add(classifierSettings + "task", () -> "classification");
        registry.add(classifierSettings + "slices.feature.name", () -> "size");
        registry.add(classifierSettings + "slices.feature.input", () -> "features");
        registry.add(classifierSettings + "slices.feature.column", () -> "2");
        registry.add(classifierSettings + "slices.feature.boundaries", () -> "5.0");
    }

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    WebTestClient.ResponseSpec postJson(String path, String json, String... headers) {
        WebTestClient.RequestBodySpec request = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.bodyValue(json).exchange();
    }

    /** The Prometheus scrape, which histograms make larger than the client's default buffer. */
    Scrape prometheus() {
        return new Scrape(http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
