package io.verso.registry.feed;

import io.verso.contracts.PodStatus;
import io.verso.contracts.PodStatusReceipt;
import io.verso.contracts.VersionStatus;
import io.verso.registry.error.RegistryException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records pod reports and expires silent pods. Only a report that changes what a pod serves (or brings an expired
 * pod back) wakes the feeds' long-polls; a heartbeat just extends the pod's life.
 */
@Service
class PodStatusService {

    private static final Logger log = LoggerFactory.getLogger(PodStatusService.class);
    private static final Pattern POD_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9._:-]{0,252}$");
    private static final TypeReference<List<VersionStatus>> VERSIONS = new TypeReference<>() {
    };

    private final PodReportRepository reports;
    private final FeedSettings settings;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    PodStatusService(PodReportRepository reports, FeedSettings settings, ApplicationEventPublisher events,
                     JsonMapper json, Clock clock) {
        this.reports = reports;
        this.settings = settings;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public PodStatusReceipt report(PodStatus status) {
        validate(status);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.podTtl());
        PodReport report = reports.findById(status.podId()).orElseGet(() -> new PodReport(status.podId()));
        boolean changed = report.getEndpoint() == null || report.isExpired(now)
                || !report.getEndpoint().equals(status.endpoint())
                || !json.readValue(report.getVersionsJson(), VERSIONS).equals(status.versions());
        report.update(status.endpoint(), json.writeValueAsString(status.versions()), now, expiresAt);
        reports.save(report);
        if (changed) {
            log.info("Pod {} at {} reports {}", status.podId(), status.endpoint(), status.versions());
            events.publishEvent(new FeedInputsChanged("pod " + status.podId()));
        }
        return new PodStatusReceipt(status.podId(), expiresAt, settings.podTtl().toSeconds());
    }

    /** Deletes reports past their time; wakes the feeds when a pod left. */
    @Transactional
    public int expire() {
        int expired = reports.deleteExpired(clock.instant());
        if (expired > 0) {
            log.info("{} pod report(s) expired", expired);
            events.publishEvent(new FeedInputsChanged(expired + " pod(s) expired"));
        }
        return expired;
    }

    private static void validate(PodStatus status) {
        if (status.podId() == null || !POD_ID.matcher(status.podId()).matches()) {
            throw RegistryException.invalid("podId", "podId must be 1–253 letters, digits, '.', '_', ':' or '-', "
                    + "but was '" + status.podId() + "'");
        }
        if (!isHttpUrl(status.endpoint())) {
            throw RegistryException.invalid("endpoint", "endpoint must be an http or https URL with a host, but was '"
                    + status.endpoint() + "'");
        }
        for (int i = 0; i < status.versions().size(); i++) {
            VersionStatus version = status.versions().get(i);
            String at = "versions[" + i + "]";
            if (version == null) {
                throw RegistryException.invalid(at, at + " is null");
            }
            if (version.model() == null || version.model().isBlank()) {
                throw RegistryException.invalid(at + ".model", at + ".model is required");
            }
            if (version.version() <= 0) {
                throw RegistryException.invalid(at + ".version", at + ".version must be positive, but was "
                        + version.version());
            }
            if (version.state() == null) {
                throw RegistryException.invalid(at + ".state", at + ".state must be LOADING, AVAILABLE or ERROR");
            }
        }
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
