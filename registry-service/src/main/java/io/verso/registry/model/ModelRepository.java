package io.verso.registry.model;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Stored models; names are unique, so a name identifies at most one model. */
public interface ModelRepository extends JpaRepository<Model, Long> {

    Optional<Model> findByName(String name);

    /** The console's search box: names containing the text (LIKE wildcards in it are matched literally). */
    Page<Model> findByNameContainingIgnoreCase(String text, Pageable pageable);

    /** {@code SELECT ... FOR UPDATE}: serialises version number allocation per model. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from Model m where m.name = :name")
    Optional<Model> lockByName(@Param("name") String name);
}
