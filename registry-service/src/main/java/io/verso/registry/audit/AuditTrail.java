package io.verso.registry.audit;

import io.verso.registry.web.PageView;
import io.verso.registry.web.Paging;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit trail. {@link #record} joins the caller's transaction on purpose (MANDATORY): an event
 * exists exactly when its transition committed; so does what listeners of {@link AuditRecorded} write.
 */
@Service
public class AuditTrail {

    private final DeploymentEventRepository events;
    private final ApplicationEventPublisher publisher;

    AuditTrail(DeploymentEventRepository events, ApplicationEventPublisher publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        DeploymentEvent saved = events.saveAndFlush(new DeploymentEvent(entry));
        publisher.publishEvent(new AuditRecorded(events.modelNameOfDeployment(entry.deploymentId()), entry.action(),
                entry.revision(), entry.actor(), entry.reason(), entry.fromStable(), entry.toStable(),
                entry.fromCanary(), entry.toCanary(), entry.fromWeight(), entry.toWeight(), entry.label(),
                saved.createdAt()));
    }

    @Transactional(readOnly = true)
    public Optional<RecordedRequest> findByIdempotencyKey(long deploymentId, String key) {
        return events.findByDeploymentIdAndIdempotencyKey(deploymentId, key)
                .map(e -> new RecordedRequest(e.requestHash(), e.result()));
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public PageView<EventView> history(long deploymentId, int page, int size) {
        return PageView.of(events.findByDeploymentId(deploymentId,
                Paging.of(page, size, Sort.by(Sort.Direction.DESC, "revision"))), DeploymentEvent::view);
    }

    @Transactional(readOnly = true)
    public long count(long deploymentId) {
        return events.countByDeploymentId(deploymentId);
    }
}
