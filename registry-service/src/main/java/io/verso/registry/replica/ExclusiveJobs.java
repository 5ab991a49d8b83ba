package io.verso.registry.replica;

import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rounds of a periodic job that run on one replica at a time. A round runs inside a transaction that holds the
 * job's transaction-level PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock}); a replica that finds it
 * held skips the round. The lock goes with the transaction: when the round ends, or when the replica holding it dies
 * and PostgreSQL closes its connection, so the next round runs on whichever replica asks first, with no leader to
 * elect and no lease to expire. Work done through the same {@link JdbcTemplate} or JPA joins the round's
 * transaction; a job that must commit step by step opens its own transactions inside the round.
 */
@Component
public class ExclusiveJobs {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    ExclusiveJobs(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Runs {@code round} unless another replica is running a round of {@code job}.
     *
     * @return what the round returned, or {@code null} when it did not run here
     */
    public <T> T runAlone(String job, Supplier<T> round) {
        return transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(hashtext(?)::bigint)",
                    Boolean.class, "verso.job." + job);
            return Boolean.TRUE.equals(locked) ? round.get() : null;
        });
    }
}
