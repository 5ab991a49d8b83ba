package io.verso.inference.api.monitoring;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The monitoring endpoints' paths: feedback in, quality and drift reports out. */
public final class MonitoringRoutes {

    private static final String VERSION = "/monitoring/models/{model}/versions/{version}";

    private MonitoringRoutes() {
    }

    public static RouterFunction<ServerResponse> router(FeedbackHandler feedback, DriftReportHandler drift) {
        return RouterFunctions.route()
                .POST("/v1/feedback", feedback::submit)
                .GET(VERSION + "/quality", feedback::quality)
                .GET(VERSION + "/drift", drift::report)
                .build();
    }
}
