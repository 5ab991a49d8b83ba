package io.verso.registry.analysis;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.verso.contracts.PodMonitoringReport;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Pods' monitoring summaries in (machine token), per-version aggregates out (viewer). */
@RestController
@Tag(name = "Monitoring")
class MonitoringController {

    private final MonitoringIntake intake;
    private final MonitoringAnalysis analysis;

    MonitoringController(MonitoringIntake intake, MonitoringAnalysis analysis) {
        this.intake = intake;
        this.analysis = analysis;
    }

    @PostMapping("/api/v1/feed/monitoring")
    @Operation(summary = "A pod reports its monitoring summary per version; it replaces the pod's previous one and "
            + "expires unless sent again (machine)")
    Map<String, Object> report(@RequestBody PodMonitoringReport report) {
        Instant expiresAt = intake.report(report);
        return Map.of("podId", report.podId(), "summaries", report.summaries().size(), "expiresAt", expiresAt);
    }

    @GetMapping("/api/v1/models/{model}/versions/{version}/monitoring")
    @Operation(summary = "A version's traffic, errors, latency, drift and feedback quality added up over the live "
            + "pods, for canary analysis (viewer)")
    VersionMonitoring version(@PathVariable String model, @PathVariable long version) {
        return analysis.version(model, version);
    }
}
