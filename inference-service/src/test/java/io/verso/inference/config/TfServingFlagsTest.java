package io.verso.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TfServingFlagsTest {

    @Test
    void translatesTfServingFlagsToTheirProperties() {
        String[] spring = TfServingFlags.toSpringArguments(new String[] {
            "--rest_api_port=8601",
            "--model_name=half_plus_two",
            "--model_base_path=/models/half_plus_two",
            "--model_config_file=/etc/models.config",
            "--file_system_poll_wait_seconds=5",
            "--tensorflow_intra_op_parallelism=4",
            "--tensorflow_inter_op_parallelism=2",
            "--per_process_gpu_memory_fraction=0.5"});

        assertThat(spring).containsExactly(
                "--server.port=8601",
                "--verso.inference.model-name=half_plus_two",
                "--verso.inference.model-base-path=/models/half_plus_two",
                "--verso.inference.model-config-file=/etc/models.config",
                "--verso.inference.poll-interval=5s",
                "--verso.inference.default-session.intra-op-threads=4",
                "--verso.inference.default-session.inter-op-threads=2",
                "--verso.inference.default-session.gpu-memory-fraction=0.5",
                "--verso.inference.grpc.port=8500");
    }

    @Test
    void servesGrpcOnThePortFlagOrOnTensorFlowServingsDefault() {
        assertThat(TfServingFlags.toSpringArguments(new String[] {"--port=9500", "--model_name=m"}))
                .containsExactly("--verso.inference.grpc.port=9500", "--verso.inference.model-name=m");
        assertThat(TfServingFlags.toSpringArguments(new String[] {"--model_name=m"}))
                .containsExactly("--verso.inference.model-name=m", "--verso.inference.grpc.port=8500");
    }

    @Test
    void passesSpringArgumentsAndUnknownFlagsThroughUnchanged() {
        String[] args = {"--spring.profiles.active=prod", "--debug", "positional", "-x", "--server.port=9000"};

        assertThat(TfServingFlags.toSpringArguments(args)).containsExactly(args);
    }

    @Test
    void dropsFlagsOfFeaturesVersoDoesNotHaveWithOrWithoutAValue() {
        String[] spring = TfServingFlags.toSpringArguments(new String[] {
            "--port=8501",
            "--enable_model_warmup",
            "--model_config_file_poll_wait_seconds=60",
            "--model_name=m"});

        assertThat(spring).containsExactly("--verso.inference.grpc.port=8501", "--verso.inference.model-name=m");
    }

    @Test
    void translatesBatchingFlagsIncludingTheBareBooleanForm() {
        assertThat(TfServingFlags.toSpringArguments(new String[] {
            "--enable_batching", "--batching_parameters_file=/etc/batching.config"}))
                .containsExactly("--verso.inference.enable-batching=true",
                        "--verso.inference.batching-parameters-file=/etc/batching.config",
                        "--verso.inference.grpc.port=8500");
        assertThat(TfServingFlags.toSpringArguments(new String[] {"--enable_batching=false", "--port=1"}))
                .containsExactly("--verso.inference.enable-batching=false", "--verso.inference.grpc.port=1");
    }

    @Test
    void aTranslatedFlagWithoutAValueIsRefused() {
        assertThatThrownBy(() -> TfServingFlags.toSpringArguments(new String[] {"--model_name"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TensorFlow Serving flag --model_name needs a value: --model_name=...");
    }
}
