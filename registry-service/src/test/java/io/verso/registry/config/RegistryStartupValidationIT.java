package io.verso.registry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.verso.registry.RegistryApplication;
import io.verso.registry.testsupport.JdbcTarget;
import io.verso.registry.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad {@code verso.registry.*} value must stop the real application, and the start-up failure report (what
 * an operator reads) must say which property is wrong. The database is real and reachable, so the property is the only thing that can fail.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistryStartupValidationIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--verso.registry.max-upload-size=-1B | verso.registry.max-upload-size must be positive, but was -1B",
            "--verso.registry.analysis.interval=0s | verso.registry.analysis.interval must be positive, but was PT0S",
            "--verso.registry.webhooks.secret-key=short | verso.registry.webhooks.secret-key must hold at least 16"
                    + " characters, but holds 5"})
    void anInvalidSettingStopsStartUpNamingTheProperty(String badProperty, String message, CapturedOutput output) {
        Throwable failure = start(badProperty);

        assertThat(failure).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START").contains(message);
    }

    /** Boot names record components in their Java form; relaxed binding accepts it just as well. */
    @Test
    void missingArtifactRootStopsStartUpNamingTheProperty(CapturedOutput output) {
        Throwable failure = start("--verso.registry.artifact-root=");

        assertThat(failure).isNotNull();
        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .containsPattern("Property: verso\\.registry\\.artifactRoot\\s+Value: \"null\"\\s+Reason: must not be null");
    }

    /** Command-line arguments, because they outrank application.yml as they do in production. */
    private static Throwable start(String badProperty) {
        JdbcTarget database = TestPostgres.runDatabase();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                badProperty));
        if (database.user() != null) {
            args.add("--spring.datasource.username=" + database.user());
        }
        if (database.password() != null) {
            args.add("--spring.datasource.password=" + database.password());
        }
        return catchThrowable(() -> new SpringApplicationBuilder(RegistryApplication.class)
                .run(args.toArray(String[]::new))
                .close());
    }
}
