package io.verso.registry.audit;

import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DeploymentEventRepository extends JpaRepository<DeploymentEvent, Long> {

    Optional<DeploymentEvent> findByDeploymentIdAndIdempotencyKey(Long deploymentId, String idempotencyKey);

    Page<DeploymentEvent> findByDeploymentId(Long deploymentId, Pageable pageable);

    /** By SQL, so that the audit trail needs no Java type of the model or deployment packages. */
    @Query(value = "select m.name from deployment d join model m on m.id = d.model_id where d.id = :deploymentId",
            nativeQuery = true)
    String modelNameOfDeployment(@Param("deploymentId") long deploymentId);

    long countByDeploymentId(Long deploymentId);
}
