package io.verso.registry.deployment;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface DeploymentRepository extends JpaRepository<Deployment, Long> {

    Optional<Deployment> findByModelId(Long modelId);

    /** Deployments that serve something, of models that are not archived: what the feeds publish. */
    @Query("select d from Deployment d, io.verso.registry.model.Model m "
            + "where m.id = d.modelId and m.archivedAt is null and d.stableVersion is not null")
    List<Deployment> findServing();
}
