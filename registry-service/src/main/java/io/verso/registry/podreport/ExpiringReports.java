package io.verso.registry.podreport;

import java.time.Duration;
import java.time.Instant;

/** A store of pod reports that expire; {@link PodReportExpiry} sweeps each one. */
public interface ExpiringReports {

    /** Names the sweep (its replica lock and its log lines). */
    String name();

    /** How long a report counts; the sweep runs four times per it. */
    Duration ttl();

    /**
     * Deletes the reports expired at {@code now}, and tells whoever derives state from them.
     *
     * @return how many were deleted
     */
    int expire(Instant now);
}
