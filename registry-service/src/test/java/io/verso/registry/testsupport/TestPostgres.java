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

    private static PostgresServer server;
    private static JdbcTarget runDatabase;

    private TestPostgres() {
    }

    public static synchronized JdbcTarget runDatabase() {
        if (runDatabase == null) {
            runDatabase = create("verso_test_" + RUN_ID);
        }
        return runDatabase;
    }

    /**
     * A fresh database of its own for a test whose rows other contexts must not touch: every registry context
     * started on the run database runs background workers (webhook dispatch, canary analysis) that act on any due
     * row they find there.
     */
    public static synchronized JdbcTarget ownDatabase(String purpose) {
        return create("verso_test_" + RUN_ID + "_" + purpose);
    }

    private static JdbcTarget create(String name) {
        if (server == null) {
            server = PostgresServers.choose(System.getenv(), RUN_ID);
        }
        PostgresServer chosen = server;
        JdbcTarget database = chosen.createDatabase(name);
        if (chosen.external()) {
            // Throw-away servers vanish with the JVM; a shared one must not fill up with test databases.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> chosen.dropDatabase(name), "drop-" + name));
        }
        log.info("Registry tests use database {} on {}", name, chosen.description());
        return database;
    }
}
