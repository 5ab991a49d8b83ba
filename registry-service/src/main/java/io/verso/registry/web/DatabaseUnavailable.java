package io.verso.registry.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises failures that mean PostgreSQL could not be reached (stopped, restarting, network gone) rather than a
 * fault of the request or of the registry. Callers answer those 503 with a Retry-After, since the same request
 * will work once the database is back; pods and gateways meanwhile serve from their caches.
 */
@Component
public class DatabaseUnavailable {

    public static final String DETAIL = "database unavailable, retry later";
    /** Seconds a client should wait; a restarting PostgreSQL is usually back within a few. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectProvider<DataSource> dataSource;

    DatabaseUnavailable(ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * True when the database being unreachable explains {@code failure}: a cause says so, or, because a rollback
     * that fails on the broken connection replaces the exception that said so (Spring logs and drops the
     * original), the database does not answer now.
     */
    public boolean explains(Throwable failure) {
        return causedBy(failure) || !answers();
    }

    /** True when {@code failure} or one of its causes says the database connection could not be had or was lost. */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || (cause instanceof SQLException sql && connectionLost(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 is "connection exception"; 57P01–57P03 are the server shutting down or not accepting
     * connections yet (admin shutdown, crash shutdown, cannot connect now).
     */
    private static boolean connectionLost(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private boolean answers() {
        DataSource source = dataSource.getIfAvailable();
        if (source == null) {
            return true;
        }
        try (Connection connection = source.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException unreachable) {
            return false;
        }
    }
}
