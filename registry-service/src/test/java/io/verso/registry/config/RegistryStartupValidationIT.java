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
                    + " characters, but holds 5",
            "--verso.registry.store=s3 | verso.registry.s3.bucket is required when verso.registry.store is s3",
            "--verso.registry.store=s3 --verso.registry.s3.bucket=models | verso.registry.webhooks.secret-key is"
                    + " required when verso.registry.store is s3: replicas share the database and must share its key",
            "--verso.registry.s3.part-size=1MB | verso.registry.s3.part-size must be at least 5MB (S3's smallest part),"
                    + " but was 1048576B",
            "--verso.registry.s3.prefix=models | verso.registry.s3.prefix must end with '/', but was 'models'",
            "--verso.registry.gc.interval=0s | verso.registry.gc.interval must be positive, but was PT0S"})
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

    /**
     * Command-line arguments, because they outrank application.yml as they do in production.
     *
     * @param badProperties one or more arguments, separated by spaces
     */
    private static Throwable start(String badProperties) {
        JdbcTarget database = TestPostgres.runDatabase();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url()));
        args.addAll(List.of(badProperties.split(" ")));
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
