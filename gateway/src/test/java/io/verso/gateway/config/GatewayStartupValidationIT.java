package io.verso.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.verso.contracts.ModelNames;
import io.verso.gateway.GatewayApplication;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad {@code verso.gateway.inference-uri} must stop the real application, and the start-up failure report
 * (what an operator reads) must name the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayStartupValidationIT {

    @ParameterizedTest
    @ValueSource(strings = {"inference-pod:8501", "ftp://inference-pod/", "http://bad host:8501"})
    void unusableInferenceUriStopsStartUpNamingTheProperty(String badUri, CapturedOutput output) {
        // A command-line argument, because it outranks application.yml as it does in production.
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--verso.gateway.inference-uri=" + badUri)
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("verso.gateway.inference-uri");
    }

    /** Issue 20: authentication is on by default, so a gateway that could never accept a key does not start. */
    @Test
    void aGatewayThatCouldAcceptNoKeyStopsStartUpNamingTheSwitch(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("verso.gateway.auth.enabled is true (the default) but no API key can be valid");
    }

    /** A configured model the routing could never reach (the registry's name rule) stops start-up. */
    @Test
    void aConfiguredModelNameOutsideTheRuleStopsStartUpNamingIt(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--verso.gateway.auth.enabled=false",
                        "--verso.gateway.inference-uri=http://127.0.0.1:8501",
                        "--verso.gateway.models[.hidden].stable-version=1")
                .close());

        assertThat(failure).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("verso.gateway.models: model name '.hidden' " + ModelNames.NAME_RULE);
    }
}
