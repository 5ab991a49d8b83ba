package io.verso.registry.feed;

import io.verso.contracts.PodStatus;
import io.verso.contracts.PodStatusReceipt;
import io.verso.contracts.VersionStatus;
import io.verso.registry.error.RegistryException;
import io.verso.registry.podreport.PodReportIntake;
import io.verso.registry.podreport.ReportLease;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records pod status reports and expires silent pods. Only a report that changes what a pod serves (or brings an
 * expired pod back) wakes the feeds' long-polls; a heartbeat just extends the pod's life.
 */
@Service
class PodStatusService extends PodReportIntake {

    private static final Logger log = LoggerFactory.getLogger(PodStatusService.class);
    private static final TypeReference<List<VersionStatus>> VERSIONS = new TypeReference<>() {
    };

    private final PodReportRepository reports;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    PodStatusService(PodReportRepository reports, FeedSettings settings, Clock clock, ApplicationEventPublisher events,
                     JsonMapper json) {
        super(clock, settings.podTtl());
        this.reports = reports;
        this.events = events;
        this.json = json;
    }

    @Transactional
    public PodStatusReceipt report(PodStatus status) {
        ReportLease lease = admit(status.podId());
        check(status);
        PodReport report = reports.findById(status.podId()).orElseGet(() -> new PodReport(status.podId()));
        boolean changed = report.isExpired(lease.reportedAt())
                || !report.getEndpoint().equals(status.endpoint())
                || !Objects.equals(report.getGrpcPort(), status.grpcPort())
                || !json.readValue(report.getVersionsJson(), VERSIONS).equals(status.versions());
        report.update(status.endpoint(), status.grpcPort(), json.writeValueAsString(status.versions()), lease);
        reports.save(report);
        if (changed) {
            log.info("Pod {} at {} (gRPC port {}) reports {}", status.podId(), status.endpoint(),
                    status.grpcPort() == null ? "none" : status.grpcPort(), status.versions());
            events.publishEvent(new FeedInputsChanged("pod " + status.podId()));
        }
        return new PodStatusReceipt(status.podId(), lease.expiresAt(), ttl().toSeconds());
    }

    @Override
    public String name() {
        return "pod-status";
    }

    /** Deletes reports past their time; wakes the feeds when a pod left. */
    @Override
    @Transactional
    public int expire(Instant now) {
        int expired = reports.deleteExpired(now);
        if (expired > 0) {
            events.publishEvent(new FeedInputsChanged(expired + " pod(s) expired"));
        }
        return expired;
    }

    private static void check(PodStatus status) {
        if (!isHttpUrl(status.endpoint())) {
            throw RegistryException.invalid("endpoint", "endpoint must be an http or https URL with a host, but was '"
                    + status.endpoint() + "'");
        }
        if (status.grpcPort() != null && (status.grpcPort() < 1 || status.grpcPort() > 65535)) {
            throw RegistryException.invalid("grpcPort", "grpcPort must be a port from 1 to 65535, or absent when the "
                    + "pod serves no gRPC, but was " + status.grpcPort());
        }
        checkEntries("versions", status.versions(), VersionStatus::model, VersionStatus::version,
                (at, version) -> {
                    if (version.state() == null) {
                        throw RegistryException.invalid(at + ".state", at + ".state must be LOADING, AVAILABLE or "
                                + "ERROR");
                    }
                });
    }

    private static boolean isHttpUrl(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        try {
            URI uri = URI.create(endpoint);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && Objects.isNull(uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
