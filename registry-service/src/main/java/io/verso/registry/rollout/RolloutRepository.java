package io.verso.registry.rollout;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RolloutRepository extends JpaRepository<Rollout, Long> {

    /**
     * The most overdue running rollout that no other transaction holds, locked until the caller's transaction
     * ends: the replica that gets it is the only one evaluating it; the others skip it instead of waiting.
     */
    @Query(value = "SELECT * FROM rollout WHERE phase = 'RUNNING' AND next_evaluation_at <= :now "
            + "ORDER BY next_evaluation_at LIMIT 1 FOR UPDATE SKIP LOCKED", nativeQuery = true)
    Optional<Rollout> lockNextDue(@Param("now") Instant now);

    /** The model's rollout in progress, locked (waiting for an evaluation that holds it to finish). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Rollout r where r.modelId = :modelId and r.phase in ('RUNNING', 'PAUSED')")
    Optional<Rollout> lockActive(@Param("modelId") long modelId);

    /** Moves a running rollout's next evaluation; a rollout that ended or is paused meanwhile is left alone. */
    @Modifying
    @Query("update Rollout r set r.nextEvaluationAt = :next where r.id = :id and r.phase = 'RUNNING'")
    int postpone(@Param("id") long id, @Param("next") Instant next);

    /** The model's latest rollout, in progress or finished. */
    Optional<Rollout> findFirstByModelIdOrderByIdDesc(long modelId);
}
