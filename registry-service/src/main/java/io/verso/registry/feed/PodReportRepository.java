package io.verso.registry.feed;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface PodReportRepository extends JpaRepository<PodReport, String> {

    List<PodReport> findByLeaseExpiresAtAfter(Instant now);

    @Modifying
    @Query("delete from PodReport p where p.lease.expiresAt <= :now")
    int deleteExpired(@Param("now") Instant now);
}
