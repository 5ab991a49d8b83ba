package io.verso.registry.audit;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface DeploymentEventRepository extends JpaRepository<DeploymentEvent, Long> {

    Optional<DeploymentEvent> findByDeploymentIdAndIdempotencyKey(Long deploymentId, String idempotencyKey);

    Page<DeploymentEvent> findByDeploymentId(Long deploymentId, Pageable pageable);

    long countByDeploymentId(Long deploymentId);
}
