package io.verso.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's meters. {@code verso.gateway.requests} (Prometheus {@code verso_gateway_requests_seconds}) is what
 * the Grafana dashboard reads: tags {@code model}, {@code version}, {@code role}, {@code outcome} and {@code status}.
 */
public final class GatewayMetrics {

    /** Tag value where the gateway does not know the model or version. */
    public static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final Counter rateLimited;
    /**
     * The request timer of each tag set, bound on first use rather than built and looked up per request. Models
     * and versions come from the routing table (an unknown one is {@value #UNKNOWN}), roles and outcomes are fixed
     * names and statuses HTTP's, so this holds no more than the registry itself does.
     */
    private final Map<RequestSeries, Timer> requests = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimited = Counter.builder("verso.gateway.rate.limit.rejections")
                .description("Requests answered 429 because their client was over its rate limit")
                .register(registry);
    }

    /**
     * @param status the HTTP status the client (or, for a shadow, the gateway) got; 0 when there was none
     * @param outcome SUCCESS, CLIENT_ERROR, SERVER_ERROR, TIMEOUT, ERROR or CANCELLED
     */
    public void request(String model, Long version, String role, String outcome, int status, Duration latency) {
        requests.computeIfAbsent(new RequestSeries(model == null ? UNKNOWN : model, version, role, outcome, status),
                this::requestTimer).record(latency);
    }

    private Timer requestTimer(RequestSeries series) {
        return Timer.builder("verso.gateway.requests")
                .description("Requests through the gateway, by model, version, route decision and outcome")
                .tag("model", series.model())
                .tag("version", series.version() == null ? UNKNOWN : Long.toString(series.version()))
                .tag("role", series.role())
                .tag("outcome", series.outcome())
                .tag("status", series.status() == 0 ? "none" : Integer.toString(series.status()))
                .publishPercentileHistogram()
                .register(registry);
    }

    private record RequestSeries(String model, Long version, String role, String outcome, int status) {
    }

    /** The largest absolute difference between the shadow's numeric outputs and the client's. */
    public void shadowDisagreement(String model, long shadowVersion, double maxAbsoluteDifference) {
        DistributionSummary.builder("verso.gateway.shadow.disagreement")
                .description("Max absolute difference of numeric outputs, shadow version against the answered one")
                .tag("model", model)
                .tag("version", Long.toString(shadowVersion))
                .register(registry)
                .record(maxAbsoluteDifference);
    }

    /** The shadow's answer could not be compared number by number (other status, other shape, not JSON). */
    public void shadowMismatch(String model, long shadowVersion) {
        Counter.builder("verso.gateway.shadow.mismatches")
                .description("Shadow answers whose status or shape differs from the answered one")
                .tag("model", model)
                .tag("version", Long.toString(shadowVersion))
                .register(registry)
                .increment();
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    /** Outcome tag of an HTTP status, as Spring's own HTTP metrics name them. */
    public static String outcomeOf(int status) {
        if (status >= 200 && status < 400) {
            return "SUCCESS";
        }
        if (status >= 400 && status < 500) {
            return "CLIENT_ERROR";
        }
        return status >= 500 ? "SERVER_ERROR" : "UNKNOWN";
    }
}
