package io.verso.registry.analysis;

import io.verso.registry.podreport.ReportLease;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/** One pod's latest {@code MonitoringSummary} of one model version, kept as JSON until it expires. */
@Entity
@Table(name = "monitoring_summary")
class StoredSummary {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "pod_id", nullable = false)
    private String podId;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private long version;

    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String summary;

    @Embedded
    private ReportLease lease;

    protected StoredSummary() {
    }

    StoredSummary(String podId, String model, long version, String summaryJson, ReportLease lease) {
        this.podId = podId;
        this.model = model;
        this.version = version;
        this.summary = summaryJson;
        this.lease = lease;
    }

    String getPodId() {
        return podId;
    }

    String getSummaryJson() {
        return summary;
    }

    Instant getReportedAt() {
        return lease.reportedAt();
    }
}
