package io.verso.inference.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.verso.inference.model.Servable;
import io.verso.inference.model.ServableLoader;
import io.verso.inference.model.ServableMetadata;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.TensorValue;
import io.verso.inference.runtime.tf.TfServableLoader;
import io.verso.inference.testsupport.DemoModelRepository;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/**
 * Batching through the whole server: concurrent HTTP requests to a batched model get their own answers, and
 * TensorFlow never runs on an event-loop thread, batched or not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class BatchingIT {

    /** Names of the threads that ran TensorFlow, for either model. */
    static final Set<String> TENSORFLOW_THREADS = new CopyOnWriteArraySet<>();

    @TestConfiguration
    static class RecordingRuntime {
        @Bean
        @Primary
        ServableLoader recordingLoader() {
            TfServableLoader real = new TfServableLoader();
            return (directory, options) -> new ThreadRecordingServable(real.load(directory, options));
        }
    }

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path", () -> DemoModelRepository.halfPlusTwo().toString());
        registry.add("verso.inference.models[0].batching.max-batch-size", () -> "8");
        registry.add("verso.inference.models[0].batching.batch-timeout", () -> "5ms");
        registry.add("verso.inference.models[1].name", () -> "simple");
        registry.add("verso.inference.models[1].base-path", () -> DemoModelRepository.simple().toString());
    }

    @Autowired
    WebTestClient http;

    @BeforeEach
    void modelsLoaded() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswerAndTensorFlowStaysOffTheEventLoop() {
        List<Integer> values = IntStream.range(0, 48).boxed().toList();
        List<String> answers = Flux.fromIterable(values).flatMap(i -> http.post()
                        .uri("/v1/models/half_plus_two:predict").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"instances\": [[" + i + ".0]]}").exchange()
                        .returnResult(String.class).getResponseBody().reduce(String::concat), 48)
                .collectList().block(Duration.ofSeconds(60));
        for (int i : values) {
            assertThat(answers).contains("{\"predictions\":[[" + (0.5f * i + 2) + "]]}");
        }
        http.post().uri("/v2/models/simple/infer").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"inputs": [{"name": "INPUT0", "shape": [1, 16], "datatype": "INT32", "data": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]},
                            {"name": "INPUT1", "shape": [1, 16], "datatype": "INT32", "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]}""")
                .exchange().expectStatus().isOk();

        assertThat(TENSORFLOW_THREADS).isNotEmpty()
                .noneMatch(name -> name.startsWith("reactor-http"))
                .allMatch(name -> name.startsWith("batch-half_plus_two-1-serving_default")
                        || name.startsWith("inference-") || name.startsWith("model-loader"));
        assertThat(TENSORFLOW_THREADS).anyMatch(name -> name.startsWith("batch-"))
                .anyMatch(name -> name.startsWith("inference-"));
    }

    @Test
    void reportsBatchedSignaturesAndBatchMetrics() {
        http.post().uri("/v1/models/half_plus_two:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [[1.0], [2.0]]}").exchange().expectStatus().isOk();
        http.get().uri("/v1/models/half_plus_two/metadata").exchange().expectBody()
                .jsonPath("$.metadata.verso_batched_signatures[0]").isEqualTo("serving_default");
        http.get().uri("/v1/models/simple/metadata").exchange().expectBody()
                .jsonPath("$.metadata.verso_batched_signatures").doesNotExist();
        http.get().uri("/actuator/prometheus").exchange().expectBody(String.class).value(body -> assertThat(body)
                .contains("verso_batch_size_rows_count{application=\"verso-inference\",model=\"half_plus_two\",signature=\"serving_default\",version=\"1\"}")
                .contains("verso_batch_queue_depth_rows{")
                .contains("verso_batch_execution_seconds_count{"));
    }

    /** Records the thread of every TensorFlow call (warmup and loading run on loader threads). */
    private record ThreadRecordingServable(Servable delegate) implements Servable {
        @Override
        public ServableMetadata metadata() {
            return delegate.metadata();
        }

        @Override
        public Map<String, TensorValue> run(SignatureSpec signature, Map<String, TensorValue> inputs, Set<String> keys) {
            TENSORFLOW_THREADS.add(Thread.currentThread().getName());
            return delegate.run(signature, inputs, keys);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
