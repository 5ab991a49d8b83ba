package io.verso.inference.api.monitoring;

import io.verso.inference.monitoring.drift.DriftMonitor;
import io.verso.inference.monitoring.drift.VersionDirectoryBaselines;
import java.util.Map;
import java.util.function.BiPredicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /monitoring/models/{model}/versions/{version}/drift}: the version's drift report, or 404 with
 * {@code {"error": ...}} for a version the pod does not hold or one without baseline, and 400 for a version that
 * is not a number.
 */
public final class DriftReportHandler {

    private final DriftMonitor monitor;
    private final BiPredicate<String, Long> held;

    /** @param held whether the pod holds (loading, serving or failed) a version of a model */
    public DriftReportHandler(DriftMonitor monitor, BiPredicate<String, Long> held) {
        this.monitor = monitor;
        this.held = held;
    }

    public Mono<ServerResponse> report(ServerRequest request) {
        String model = request.pathVariable("model");
        String versionText = request.pathVariable("version");
        long version;
        try {
            version = Long.parseLong(versionText);
        } catch (NumberFormatException e) {
            return error(HttpStatus.BAD_REQUEST, "version must be a number, but was '" + versionText + "'");
        }
        if (!held.test(model, version)) {
            return error(HttpStatus.NOT_FOUND, "model '" + model + "' has no version " + version + " on this pod");
        }
        return monitor.report(model, version)
                .map(report -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(report))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "model '" + model + "' version " + version
                        + " has no training baseline: register one with the version (metadata.features) or put "
                        + VersionDirectoryBaselines.FILE_NAME + " in its directory"));
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("error", message));
    }
}
