package io.verso.registry.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Versions per model; (model, version number) is unique. */
public interface ModelVersionRepository extends JpaRepository<ModelVersion, Long> {

    Optional<ModelVersion> findByModelIdAndVersion(Long modelId, long version);

    Page<ModelVersion> findByModelId(Long modelId, Pageable pageable);

    List<ModelVersion> findByModelIdInAndVersionIn(Collection<Long> modelIds, Collection<Long> versions);
}
