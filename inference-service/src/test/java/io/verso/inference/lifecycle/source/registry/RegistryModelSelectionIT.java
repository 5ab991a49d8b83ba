package io.verso.inference.lifecycle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.artifact.ArchiveDigest;
import io.verso.contracts.PodStatus;
import io.verso.contracts.ServingState;
import io.verso.contracts.VersionRole;
import io.verso.inference.api.grpc.GrpcServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelServiceGrpc;

/**
 * A pod restricted by {@code verso.inference.registry.models} (the Helm chart's per-pool model selection) serves,
 * reports and waits for only its models: the registry deploys two, the pod loads one, is ready with it alone, and
 * answers 404 for the other, which the registry then routes only to the pods that report it. The pod serves gRPC on
 * a free port ({@code verso.inference.grpc.port=0}) and its reports advertise the port it bound, where gateways
 * reach the model it reports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class RegistryModelSelectionIT {

    static final FakeRegistry REGISTRY = FakeRegistry.start();
    static final Path CACHE = FakeRegistry.temporaryCache();
    static final byte[] SERVED = FakeRegistry.archive("served");
    static final byte[] OTHER = FakeRegistry.archive("other");

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        REGISTRY.follow(properties, "gpu-pod", CACHE);
        properties.add("verso.inference.registry.models", () -> "hp2");
        properties.add("verso.inference.grpc.port", () -> "0");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    GrpcServer grpc;

    @AfterAll
    static void stopRegistry() {
        REGISTRY.close();
    }

    @Test
    void servesReportsAndAwaitsOnlyTheSelectedModels() throws InterruptedException {
        REGISTRY.artifact("served", SERVED);
        // The other model's artifact is never published: a pod that tried to serve it could not turn ready.
        REGISTRY.publish("r1",
                FakeRegistry.model("hp2", Map.of("stable", 1L),
                        FakeRegistry.version(1, "served", SERVED, ArchiveDigest.of(SERVED), VersionRole.STABLE)),
                FakeRegistry.model("heavy", Map.of("stable", 1L),
                        FakeRegistry.version(1, "other", OTHER, ArchiveDigest.of(OTHER), VersionRole.STABLE)));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        http.post().uri("/v1/models/hp2:predict").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instances\": [[1.0]]}").exchange().expectStatus().isOk()
                .expectBody().json("{\"predictions\": [[2.5]]}");
        http.get().uri("/v1/models/heavy").exchange().expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<PodStatus> reports = REGISTRY.reports;
            assertThat(reports).isNotEmpty();
            PodStatus last = reports.get(reports.size() - 1);
            assertThat(last.versions()).isNotEmpty().allSatisfy(v -> {
                assertThat(v.model()).isEqualTo("hp2");
                assertThat(v.state()).isEqualTo(ServingState.AVAILABLE);
            });
            assertThat(last.grpcPort()).as("the port bound for 0").isEqualTo(grpc.port()).isPositive();
        });

        // The advertised port serves the reported model.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
        try {
            assertThat(ModelServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getModelStatus(GetModelStatusRequest.newBuilder()
                            .setModelSpec(ModelSpec.newBuilder().setName("hp2")).build())
                    .getModelVersionStatus(0).getVersion()).isEqualTo(1);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
