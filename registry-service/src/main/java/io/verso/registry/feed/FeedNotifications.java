package io.verso.registry.feed;

import com.zaxxer.hikari.HikariDataSource;
import io.verso.registry.deployment.DeploymentChanged;
import io.verso.registry.model.ModelArchived;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the long-polls of every registry replica that a feed may have changed. A commit that may change a feed wakes
 * this replica's {@link FeedWatchers} right after it, and also runs {@code NOTIFY verso_feed} in its transaction, so
 * PostgreSQL tells the other replicas exactly when the change becomes visible, and never for a rollback. Every
 * replica listens on one connection of its own and has its watchers re-check their waiters when a notification
 * arrives (its own come back too: a re-check that finds nothing new answers nobody).
 *
 * <p>While the listening connection is lost (the database restarting, the backend killed), this replica's
 * long-polls still wake for its own commits and converge on the others' when their wait ends; once listening again
 * it re-checks every waiter, since notifications sent meanwhile are gone.
 */
@Component
class FeedNotifications implements SmartLifecycle {

    static final String CHANNEL = "verso_feed";
    /** Names the listening session in {@code pg_stat_activity}, for operators (and tests) to find it. */
    static final String APPLICATION_NAME = "verso-registry-feed-listener";

    private static final Logger log = LoggerFactory.getLogger(FeedNotifications.class);
    /** How long one wait for notifications blocks; also how soon {@link #stop()} is noticed. */
    private static final int POLL_MILLIS = 500;
    /** A half-open TCP connection delivers nothing and reports nothing: ask the server now and then. */
    private static final Duration VALIDATE_EVERY = Duration.ofSeconds(30);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(2);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final FeedWatchers watchers;
    private volatile boolean running;
    private Thread listener;

    FeedNotifications(DataSource dataSource, FeedWatchers watchers) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.watchers = watchers;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(DeploymentChanged event) {
        feedChanged();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(ModelArchived event) {
        feedChanged();
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(FeedInputsChanged event) {
        feedChanged();
    }

    /**
     * NOTIFY on the transaction's own connection (JdbcTemplate joins it), so that it commits with the change; this
     * replica's waiters are checked once the change is visible, off the committing thread.
     */
    private void feedChanged() {
        jdbc.execute("NOTIFY " + CHANNEL);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    watchers.changed();
                }
            });
        } else {
            watchers.changed();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "feed-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean lost = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (lost) {
                    log.info("Listening for other replicas' changes again");
                    watchers.changed();
                    lost = false;
                }
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("Not listening for other replicas' changes ({}); retrying every {} s", e.getMessage(),
                            RECONNECT_AFTER.toSeconds());
                    lost = true;
                }
                pause();
            }
        }
    }

    /**
     * A connection of its own, outside the pool: it stays subscribed for the registry's life, and a pooled one handed
     * back while subscribed would collect notifications for whoever borrows it next.
     */
    private Connection connect() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty(PGProperty.APPLICATION_NAME.getName(), APPLICATION_NAME);
        // The driver itself, not DriverManager: in the executable jar the driver is not on the system class path.
        Connection connection = new Driver().connect(pool.getJdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + pool.getJdbcUrl());
        }
        return connection;
    }

    /** Returns when stopped; throws when the connection fails. */
    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long validated = System.nanoTime();
        while (running) {
            var notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                watchers.changed();
            }
            if (System.nanoTime() - validated > VALIDATE_EVERY.toNanos()) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                validated = System.nanoTime();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
