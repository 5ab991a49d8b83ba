package io.verso.inference.config;

import io.verso.inference.monitoring.Task;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Monitoring settings under {@code verso.inference.monitoring} (metrics need none): the prediction log, feedback,
 * drift, the summary sent to the registry, and per-model settings under {@code models.<model name>}.
 *
 * @param predictionLog the sampled prediction log
 * @param feedback how predictions wait for feedback and how quality is windowed
 * @param drift drift and skew defaults for every model
 * @param summary the summary sent to the registry (only when the pod follows one)
 * @param models per-model settings by model name
 */
@ConfigurationProperties("verso.inference.monitoring")
@Validated
public record MonitoringProperties(
        @Valid @NotNull @DefaultValue PredictionLog predictionLog,
        @Valid @NotNull @DefaultValue Feedback feedback,
        @Valid @NotNull @DefaultValue Drift drift,
        @Valid @NotNull @DefaultValue Summary summary,
        @Valid @DefaultValue Map<String, Model> models) {

    /**
     * @param rate the share of answered calls logged for models that set no rate; 0 turns the log off
     * @param directory where the JSONL files go
     * @param queueCapacity records waiting for the writer before new ones are dropped
     * @param queueMaxValues tensor values (inputs and outputs) of the waiting records together, since one record
     *                       may hold millions: over it new records are dropped too
     * @param maxFileSize a file is completed once it holds this much
     * @param maxFiles complete files kept; older ones are deleted
     * @param maxFileAge a file is completed at this age even when not full, so readers see records soon
     * @param maxRecordSize records (a file line, or each CloudEvent's data) over this keep only a prefix of their
     *                      tensors' data
     * @param sink where records go: {@code file} (the directory above), {@code cloudevents} (HTTP) or {@code kafka}
     * @param cloudEvents the HTTP sink, KServe's payload logger format
     * @param kafka the Kafka sink
     */
    public record PredictionLog(@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double rate,
                                @NotNull @DefaultValue("var/prediction-log") Path directory,
                                @Min(1) @DefaultValue("10000") int queueCapacity,
                                @Min(1) @DefaultValue("8000000") long queueMaxValues,
                                @NotNull @DefaultValue("64MB") DataSize maxFileSize,
                                @Min(1) @DefaultValue("20") int maxFiles,
                                @NotNull @DefaultValue("1m") Duration maxFileAge,
                                @NotNull @DefaultValue("256KB") DataSize maxRecordSize,
                                @NotNull @DefaultValue("file") Sink sink,
                                @Valid @NotNull @DefaultValue CloudEvents cloudEvents,
                                @Valid @NotNull @DefaultValue Kafka kafka) {
    }

    /** Where the prediction log delivers. */
    public enum Sink { FILE, CLOUDEVENTS, KAFKA }

    /**
     * @param url where the events are POSTed (a Knative broker, a collector); required for {@code sink=cloudevents}
     * @param source the events' {@code source} attribute
     * @param timeout for connecting and for each answer
     */
    public record CloudEvents(URI url, @NotNull @DefaultValue("verso-inference") URI source,
                              @NotNull @DefaultValue("5s") Duration timeout) {
    }

    /**
     * @param bootstrapServers the brokers, {@code host:port,...}; required for {@code sink=kafka}
     * @param topic where the events go
     * @param source the events' {@code source} attribute
     * @param properties further producer settings (security, acks, compression...), by Kafka's names
     */
    public record Kafka(String bootstrapServers, @NotNull @DefaultValue("verso-predictions") String topic,
                        @NotNull @DefaultValue("verso-inference") URI source,
                        @DefaultValue Map<String, String> properties) {
    }

    /**
     * @param maxPredictions predictions kept in memory for feedback
     * @param maxPredictionRows rows of all kept predictions together: what bounds their memory, since one request
     *                          may carry many rows (about 20 bytes a row)
     * @param maxPredictionAge how long a prediction waits for feedback
     * @param window scored rows per version and slice that accuracy or MAE is computed over
     */
    public record Feedback(@Min(1) @DefaultValue("100000") int maxPredictions,
                           @Min(1) @DefaultValue("1000000") long maxPredictionRows,
                           @NotNull @DefaultValue("1h") Duration maxPredictionAge,
                           @Min(1) @DefaultValue("1000") int window) {
    }

    /**
     * @param enabled       whether requests are compared with baselines at all
     * @param window        the sliding window statistics cover
     * @param buckets       time buckets the window is cut into (it slides one bucket at a time)
     * @param psi           PSI above which a feature breaches
     * @param jsDistance    Jensen–Shannon distance above which a feature breaches
     * @param linf          categorical L-infinity distance above which a feature breaches
     * @param minSamples    values the window must hold before a breach is declared
     * @param queueCapacity requests waiting for the drift worker; more are dropped and counted
     * @param queueMaxValues input values of the waiting requests together; over it requests are dropped too
     * @param maxCategories distinct categories tracked per string feature; the rest count as {@code __other__}
     */
    public record Drift(@DefaultValue("true") boolean enabled,
                        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration window,
                        @Min(1) @DefaultValue("10") int buckets,
                        @DecimalMin("0.0") @DefaultValue("0.2") double psi,
                        @DecimalMin("0.0") @DefaultValue("0.1") double jsDistance,
                        @DecimalMin("0.0") @DefaultValue("0.1") double linf,
                        @Min(1) @DefaultValue("100") long minSamples,
                        @Min(1) @DefaultValue("1024") int queueCapacity,
                        @Min(1) @DefaultValue("8000000") long queueMaxValues,
                        @Min(1) @DefaultValue("100") int maxCategories) {
    }

    /** @param interval how often the pod sends its monitoring summary to the registry */
    public record Summary(@NotNull @DurationMin(millis = 100) @DefaultValue("15s") Duration interval) {
    }

    /**
     * @param predictionLogRate this model's prediction log rate; the global rate when unset
     * @param task classification or regression; inferred from the scored output when unset
     * @param labelOutput the output feedback is compared with; picked by name and dtype when unset
     * @param slices how its predictions are sliced; one slice "all" when unset
     * @param columns input name → the feature name of each column of a {@code [batch, k]} input, e.g.
     *                {@code columns.features: sepal_length,sepal_width,petal_length,petal_width}
     * @param drift this model's drift thresholds; unset ones take the defaults
     */
    public record Model(@DecimalMin("0.0") @DecimalMax("1.0") Double predictionLogRate, Task task,
                        String labelOutput, @Valid Slices slices,
                        @DefaultValue Map<String, List<String>> columns, @Valid ModelDrift drift) {
    }

    /** A model's drift thresholds; each unset one takes {@link Drift}'s. */
    public record ModelDrift(@DecimalMin("0.0") Double psi, @DecimalMin("0.0") Double jsDistance,
                             @DecimalMin("0.0") Double linf, @Min(1) Long minSamples) {
    }

    /**
     * Slicing by a request header or by buckets of an input feature (set one of them).
     *
     * @param header a request header whose value names the slice; must start with {@code X-Verso-}
     * @param values the header values that are slices; others are "other". Unset: the first {@code maxValues}
     *     distinct values seen are slices
     * @param maxValues the bound on distinct header values when {@code values} is unset
     * @param feature an input feature bucketed by boundaries
     */
    public record Slices(String header, @DefaultValue List<String> values, @Min(1) @DefaultValue("20") int maxValues,
                         @Valid Feature feature) {
    }

    /**
     * @param name the feature's name in slice names, e.g. {@code petal_length}
     * @param input the input tensor holding it
     * @param column its column in each row of that input (0 for a rank-1 input)
     * @param boundaries bucket boundaries: n boundaries make n+1 slices
     */
    public record Feature(@NotNull String name, @NotNull String input, @Min(0) @DefaultValue("0") int column,
                          @NotNull List<Double> boundaries) {
    }
}
