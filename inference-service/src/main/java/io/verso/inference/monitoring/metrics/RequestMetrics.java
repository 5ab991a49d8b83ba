package io.verso.inference.monitoring.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.verso.inference.dataplane.InferenceObserver;
import io.verso.inference.dataplane.InferenceRecord;
import io.verso.inference.lifecycle.ModelLoadListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every inference call and every version load.
 * <ul>
 *   <li>{@code verso_inference_requests_seconds}: the call's total time in the data plane (body read to outputs,
 *       without response encoding), as a Prometheus histogram (1 ms to 30 s, plus the SLO bounds) so that p99 can
 *       be computed across pods;</li>
 *   <li>{@code verso_inference_queue_seconds}: waiting for an inference thread;</li>
 *   <li>{@code verso_inference_run_seconds}: the servable call (TensorFlow, plus batch queueing when batched);</li>
 *   <li>{@code verso_inference_request_bytes}: request body sizes;</li>
 *   <li>{@code verso_model_load_seconds}: load plus warmup per version, tagged {@code outcome}.</li>
 * </ul>
 * Request meters are tagged model, version, signature, api, method and status ({@code ok} or the error code).
 * Model names come from client paths, so a call that selected no version (an unknown model, a body that could
 * not be parsed) is tagged model {@value #UNKNOWN}: only served models create series.
 */
public final class RequestMetrics implements InferenceObserver, ModelLoadListener {

    static final String UNKNOWN = "unknown";
    static final String NONE = "none";
    static final String OK = "ok";

    /** Explicit bucket bounds at typical latency objectives, so SLO ratios are exact. */
    private static final Duration[] SLOS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5)};
    /** Request size buckets, 1 KiB to 64 MiB (the default body limit) by factors of 4. */
    private static final double[] SIZES = {1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864};

    private final MeterRegistry registry;
    /**
     * The meters of each tag set, bound on first use: building and registering them per call (sorting tags,
     * looking the meter up in the registry, four times) cost more CPU than the half_plus_two model itself. The keys
     * are served models, their versions and signatures, and the API's fixed names, never a client's string, so the
     * map grows no larger than the registry's own meters.
     */
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(InferenceRecord record) {
        Series meters = series.computeIfAbsent(SeriesKey.of(record), this::register);
        meters.total.record(record.totalNanos(), TimeUnit.NANOSECONDS);
        meters.queue.record(record.queueNanos(), TimeUnit.NANOSECONDS);
        if (record.runNanos() > 0) {
            meters.run.record(record.runNanos(), TimeUnit.NANOSECONDS);
        }
        meters.requestBytes.record(record.requestBytes());
    }

    private Series register(SeriesKey key) {
        Tags tags = key.tags();
        return new Series(
                Timer.builder("verso.inference.requests").description("Inference calls: total time in the data plane")
                        .tags(tags).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                        .serviceLevelObjectives(SLOS).register(registry),
                stage("verso.inference.queue", "Time inference calls waited for an inference thread", tags),
                stage("verso.inference.run", "Time of the servable call (TensorFlow and batch queueing)", tags),
                DistributionSummary.builder("verso.inference.request").baseUnit("bytes")
                        .description("Inference request body sizes").tags(tags)
                        .serviceLevelObjectives(SIZES).register(registry));
    }

    /** The request meters of one tag set. */
    private record Series(Timer total, Timer queue, Timer run, DistributionSummary requestBytes) {
    }

    /** The tag values of a call: a call that selected no version is counted under model {@value #UNKNOWN}. */
    private record SeriesKey(String model, String version, String signature, String api, String method,
                             String status) {

        static SeriesKey of(InferenceRecord record) {
            boolean selected = record.version() > 0;
            return new SeriesKey(selected ? record.model() : UNKNOWN,
                    selected ? Long.toString(record.version()) : NONE,
                    record.signature() == null ? NONE : record.signature(), record.api(), record.method(),
                    record.error() == null ? OK : record.error().name());
        }

        Tags tags() {
            return Tags.of("model", model, "version", version, "signature", signature, "api", api,
                    "method", method, "status", status);
        }
    }

    @Override
    public void loadFinished(String model, long version, Duration took, boolean available) {
        Timer.builder("verso.model.load").description("Time to load and warm up a model version")
                .tags("model", model, "version", Long.toString(version), "outcome", available ? "available" : "error")
                .register(registry).record(took);
    }

    /**
     * The stages get the latency objectives as their only buckets: a dozen series per tag set instead of the
     * total's seventy-odd, enough to see where time goes.
     */
    private Timer stage(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(SLOS)
                .register(registry);
    }
}
