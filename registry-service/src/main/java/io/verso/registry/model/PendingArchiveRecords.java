package io.verso.registry.model;

import io.verso.registry.model.artifact.PendingArchives;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PendingArchives} in the {@code pending_archive} table. A mark is inserted under a shared advisory lock on
 * its key, the lock {@link ArchiveCollector} takes exclusively while it checks and deletes that key: so either the
 * collector has finished deleting before the mark exists (and the upload writes the archive afresh), or it sees the
 * mark and keeps the archive.
 */
@Component
class PendingArchiveRecords implements PendingArchives {

    /** First half of the two-part advisory lock key of an archive; the second is the key's hash. */
    static final int LOCK_SPACE = 22;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;

    PendingArchiveRecords(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public UUID mark(String key) {
        UUID id = UUID.randomUUID();
        own.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock_shared(?, hashtext(?))::text", String.class,
                    LOCK_SPACE, key);
            jdbc.update("insert into pending_archive (id, archive_key) values (?, ?)", id, key);
        });
        return id;
    }

    @Override
    public void resolve(UUID mark) {
        jdbc.update("delete from pending_archive where id = ?", mark);
    }
}
