package io.verso.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.verso.inference.InferenceApplication;
import io.verso.inference.api.grpc.GrpcServer;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.ServableLease;
import io.verso.inference.model.DataType;
import io.verso.inference.model.TensorValue;
import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import io.verso.inference.testsupport.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tensorflow.serving.GetModelStatus.GetModelStatusRequest;
import tensorflow.serving.Model.ModelSpec;
import tensorflow.serving.ModelServiceGrpc;

/**
 * Starts the application the way {@code tensorflow_model_server} is started, with {@code --model_config_file}
 * naming a TF Serving config that serves both versions of a model under the labels stable and canary.
 */
class ModelConfigFileIT {

    @TempDir
    Path dir;

    @Test
    void servesTheVersionsAndLabelsOfTheConfigFile() throws IOException {
        Path config = Files.writeString(dir.resolve("models.config"), """
                model_config_list {
                  config {
                    name: 'half_plus_two'
                    base_path: '%s'
                    model_platform: 'tensorflow'
                    model_version_policy { specific { versions: 123 versions: 124 } }
                    version_labels { key: 'stable' value: 123 }
                    version_labels { key: 'canary' value: 124 }
                  }
                }
                """.formatted(Fixtures.model("saved_model_half_plus_two_2_versions")));
        String[] tfServingArgs = {"--model_config_file=" + config, "--rest_api_port=0", "--port=0"};

        try (ConfigurableApplicationContext context = SpringApplication.run(InferenceApplication.class,
                TfServingFlags.toSpringArguments(tfServingArgs))) {
            assertThat(context.getEnvironment().getProperty("verso.inference.model-config-file"))
                    .isEqualTo(config.toString());
            ModelManager manager = context.getBean(ModelManager.class);

            await().atMost(Duration.ofSeconds(60)).until(manager::isReady);

            assertThat(manager.models()).containsExactly("half_plus_two");
            assertThat(manager.status("half_plus_two")).extracting(VersionStatus::version, VersionStatus::state)
                    .containsExactly(tuple(124L, VersionState.AVAILABLE),
                            tuple(123L, VersionState.AVAILABLE));
            assertThat(manager.labels("half_plus_two")).isEqualTo(Map.of("stable", 123L, "canary", 124L));
            assertThat(leasedVersion(manager, VersionSelector.of(null, "canary"))).isEqualTo(124);
            assertThat(leasedVersion(manager, VersionSelector.of(null, "stable"))).isEqualTo(123);
            assertThat(leasedVersion(manager, VersionSelector.DEFAULT)).isEqualTo(123);

            // --port starts the gRPC server, which serves the file's labels too.
            int grpcPort = context.getBean(GrpcServer.class).port();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            try {
                assertThat(ModelServiceGrpc.newBlockingStub(channel).getModelStatus(GetModelStatusRequest.newBuilder()
                        .setModelSpec(ModelSpec.newBuilder().setName("half_plus_two").setVersionLabel("canary"))
                        .build()).getModelVersionStatus(0).getVersion()).isEqualTo(124);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    /** Runs half_plus_two on the leased version, so a label resolves to a servable that works, not just a number. */
    private static long leasedVersion(ModelManager manager, VersionSelector selector) {
        try (ServableLease lease = manager.acquire("half_plus_two", selector)) {
            TensorValue x = TensorValue.of(DataType.FP32, new long[] {2, 1}, new float[] {2, 4});
            Map<String, TensorValue> out = lease.servable().run(lease.servable().metadata().signature(null),
                    Map.of("x", x), Set.of());
            assertThat(out.get("y").floats()).containsExactly(3.0f, 4.0f);
            return lease.version();
        }
    }
}
