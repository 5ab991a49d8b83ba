package io.verso.registry.audit;

import io.verso.registry.web.PageView;
import io.verso.registry.web.Paging;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit trail. {@link #record} joins the caller's transaction on purpose (MANDATORY): an event
 * exists exactly when its transition committed.
 */
@Service
public class AuditTrail {

    private final DeploymentEventRepository events;

    AuditTrail(DeploymentEventRepository events) {
        this.events = events;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEntry entry) {
        events.saveAndFlush(new DeploymentEvent(entry));
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
