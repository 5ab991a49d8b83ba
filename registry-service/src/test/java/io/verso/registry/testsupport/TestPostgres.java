package io.verso.registry.testsupport;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This JVM's test database: on first use chooses a server ({@link PostgresServers}) and creates a fresh
 * database on it, which every later test class reuses. Fresh per run, so reruns and parallel builds
 * against one shared server never see each other's rows.
 */
public final class TestPostgres {

    /** Distinguishes this run's databases from those of earlier or concurrent runs. */
    public static final String RUN_ID = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private static JdbcTarget runDatabase;

    private TestPostgres() {
    }

    public static synchronized JdbcTarget runDatabase() {
        if (runDatabase == null) {
            PostgresServer server = PostgresServers.choose(System.getenv(), RUN_ID);
            String name = "verso_test_" + RUN_ID;
            runDatabase = server.createDatabase(name);
            if (server.external()) {
                // Throw-away servers vanish with the JVM; a shared one must not fill up with test databases.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> server.dropDatabase(name), "drop-" + name));
            }
            log.info("Registry tests use database {} on {}", name, server.description());
        }
        return runDatabase;
    }
}
