package io.verso.registry.podreport;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * When a pod's report arrived and until when it counts: the part every stored pod report shares (an embedded
 * value, the columns {@code reported_at} and {@code expires_at}). A report past its expiry no longer counts, and
 * {@link PodReportExpiry} deletes it.
 */
@Embeddable
public class ReportLease {

    @Column(name = "reported_at", nullable = false)
    private Instant reportedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected ReportLease() {
    }

    private ReportLease(Instant reportedAt, Instant expiresAt) {
        this.reportedAt = reportedAt;
        this.expiresAt = expiresAt;
    }

    /** A report received at {@code now} that counts for {@code ttl}. */
    public static ReportLease startingAt(Instant now, Duration ttl) {
        return new ReportLease(now, now.plus(ttl));
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
