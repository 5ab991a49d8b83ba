package io.verso.registry.model;

import io.verso.registry.model.artifact.ArtifactStore;
import io.verso.registry.model.artifact.StoredArchive;
import io.verso.registry.replica.ExclusiveJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Garbage collection of the artifact store: deletes archives that no version references (a registration that
 * failed after storing, or a crash between storing and recording), staging files and unfinished multipart uploads
 * that crashed uploads left, and {@code pending_archive} marks of crashed uploads.
 *
 * <p>Safe beside uploads on any replica: an archive is only a candidate once it is older than the grace period
 * (publishing the same bytes renews it), and each candidate is checked and deleted in one transaction holding its
 * exclusive advisory lock, against version rows and fresh {@link PendingArchiveRecords marks}; a mark is taken under
 * the same lock before an upload writes. Rounds run on one replica at a time ({@link ExclusiveJobs}).
 */
public class ArchiveCollector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ArchiveCollector.class);

    /**
     * @param archives       unreferenced archives deleted
     * @param staging        staging files and unfinished multipart uploads removed
     * @param pendingMarks   marks of crashed uploads removed
     */
    public record Round(int archives, int staging, int pendingMarks) {
    }

    private final ArtifactStore store;
    private final ExclusiveJobs jobs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final Clock clock;
    private final Duration interval;
    private final Duration grace;
    private ScheduledExecutorService executor;

    /**
     * @param interval time between rounds
     * @param grace    how old an unreferenced archive, a staging file or a mark must be before it is removed; longer
     *                 than any upload takes from its mark to its version row
     */
    public ArchiveCollector(ArtifactStore store, ExclusiveJobs jobs, JdbcTemplate jdbc,
                            PlatformTransactionManager transactions, Clock clock, Duration interval, Duration grace) {
        this.store = store;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.interval = interval;
        this.grace = grace;
    }

    /** One round, or {@code null} when another replica is running one. */
    public Round collect() {
        return jobs.runAlone("archive-gc", this::round);
    }

    private Round round() {
        Instant cutoff = clock.instant().minus(grace);
        try {
            List<String> candidates = new ArrayList<>();
            store.forEachArchive(archive -> {
                if (archive.lastModified().isBefore(cutoff)) {
                    candidates.add(archive.key());
                }
            });
            int deleted = 0;
            for (String key : candidates) {
                if (Boolean.TRUE.equals(own.execute(status -> deleteIfUnreferenced(key, cutoff)))) {
                    deleted++;
                }
            }
            int staging = store.sweepStaging(cutoff);
            int marks = jdbc.update("delete from pending_archive where since < ?", java.sql.Timestamp.from(cutoff));
            Round round = new Round(deleted, staging, marks);
            if (deleted + staging + marks > 0) {
                log.info("Artifact store garbage collection: {}", round);
            }
            return round;
        } catch (IOException e) {
            throw new UncheckedIOException("artifact garbage collection could not read the store", e);
        }
    }

    private boolean deleteIfUnreferenced(String key, Instant cutoff) {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?, hashtext(?))", Boolean.class,
                PendingArchiveRecords.LOCK_SPACE, key);
        if (!Boolean.TRUE.equals(locked)) {
            return false; // an upload is marking it right now
        }
        Boolean used = jdbc.queryForObject("""
                select exists (select 1 from model_version where artifact_key = ?)
                    or exists (select 1 from pending_archive where archive_key = ? and since >= ?)
                """, Boolean.class, key, key, java.sql.Timestamp.from(cutoff));
        if (Boolean.TRUE.equals(used)) {
            return false;
        }
        try {
            store.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete unreferenced archive " + key, e);
        }
        log.info("Deleted archive {}: no version references it", key);
        return true;
    }

    private void runRound() {
        try {
            collect();
        } catch (RuntimeException e) {
            log.warn("artifact garbage collection round failed; the next one tries again: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "archive-gc");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::runRound, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
