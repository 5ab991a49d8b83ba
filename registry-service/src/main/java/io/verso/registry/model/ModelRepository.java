package io.verso.registry.model;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored models; names are unique, so a name identifies at most one model. */
public interface ModelRepository extends JpaRepository<Model, Long> {

    Optional<Model> findByName(String name);
}
