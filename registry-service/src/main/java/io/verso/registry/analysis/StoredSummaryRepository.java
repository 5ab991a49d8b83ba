package io.verso.registry.analysis;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StoredSummaryRepository extends JpaRepository<StoredSummary, Long> {

    List<StoredSummary> findByModelAndVersionAndLeaseExpiresAtAfterOrderByPodId(String model, long version,
                                                                                 Instant now);

    @Modifying
    @Query("delete from StoredSummary s where s.podId = :podId")
    int deleteOfPod(@Param("podId") String podId);

    @Modifying
    @Query("delete from StoredSummary s where s.lease.expiresAt <= :now")
    int deleteExpired(@Param("now") Instant now);
}
