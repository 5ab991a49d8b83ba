package io.verso.inference.testsupport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole inference service on a random HTTP port and a free gRPC port, serving real models through real
 * TensorFlow: {@code half_plus_two} (TensorFlow Serving's fixture, version 123), {@code two_versions} (123 and 124,
 * both served, labelled stable and canary) and Triton's {@code simple} (written by the demo-models module). The
 * REST V2 and gRPC ITs extend this class (through their protocols' helpers) and so share one cached application
 * context: subclasses must not add properties of their own, or they get a context of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class FixtureServerSupport {

    /** The gRPC server's message limit; the test clients accept more, so this is the one a large message meets. */
    protected static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("verso.inference.grpc.port", () -> "0");
        registry.add("verso.inference.grpc.max-message-size", () -> MAX_MESSAGE_BYTES + "B");
        // Scan once: the model directories do not change during the tests.
        registry.add("verso.inference.poll-interval", () -> "0s");
        registry.add("verso.inference.models[0].name", () -> "half_plus_two");
        registry.add("verso.inference.models[0].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_cpu").toString());
        registry.add("verso.inference.models[1].name", () -> "simple");
        registry.add("verso.inference.models[1].base-path", () -> DemoModelRepository.simple().toString());
        registry.add("verso.inference.models[2].name", () -> "two_versions");
        registry.add("verso.inference.models[2].base-path",
                () -> Fixtures.model("saved_model_half_plus_two_2_versions").toString());
        registry.add("verso.inference.models[2].version-policy", () -> "ALL");
        registry.add("verso.inference.models[2].labels.stable", () -> "123");
        registry.add("verso.inference.models[2].labels.canary", () -> "124");
    }
}
