package io.verso.registry.feed;

import io.verso.registry.podreport.ReportLease;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The latest status report of one pod. Kept in PostgreSQL rather than in memory so that every registry replica
 * builds the same routing table; a report replaces the previous one of the pod.
 */
@Entity
@Table(name = "pod_status")
class PodReport {

    @Id
    @Column(name = "pod_id")
    private String podId;

    @Column(nullable = false)
    private String endpoint;

    /** The gRPC port the pod advertised; {@code null} when it serves no gRPC (or predates the field). */
    @Column(name = "grpc_port")
    private Integer grpcPort;

    /** The reported {@code VersionStatus} list as JSON. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    private String versions;

    @Embedded
    private ReportLease lease;

    protected PodReport() {
    }

    PodReport(String podId) {
        this.podId = podId;
    }

    void update(String endpoint, Integer grpcPort, String versionsJson, ReportLease lease) {
        this.endpoint = endpoint;
        this.grpcPort = grpcPort;
        this.versions = versionsJson;
        this.lease = lease;
    }

    /** A new row has no lease yet: it counts as expired, so its first report is news. */
    boolean isExpired(Instant now) {
        return lease == null || lease.isExpired(now);
    }

    String getPodId() {
        return podId;
    }

    String getEndpoint() {
        return endpoint;
    }

    Integer getGrpcPort() {
        return grpcPort;
    }

    String getVersionsJson() {
        return versions;
    }
}
