package io.verso.inference.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Drift and skew monitoring, and the monitoring summary pods send to the registry, under
 * {@code verso.inference.monitoring} (other monitoring settings live beside these, bound by their own class).
 *
 * @param drift   defaults for every model
 * @param summary the summary sent to the registry (only when the pod follows one)
 * @param models  per model: which input columns are which features, and threshold overrides
 */
@ConfigurationProperties("verso.inference.monitoring")
@Validated
public record DriftProperties(@Valid @NotNull @DefaultValue Drift drift,
                              @Valid @NotNull @DefaultValue Summary summary,
                              @Valid @DefaultValue Map<String, ModelMonitoring> models) {

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
     * @param columns input name → the feature name of each column of a {@code [batch, k]} input, e.g.
     *                {@code columns.features: sepal_length,sepal_width,petal_length,petal_width}
     * @param drift   this model's thresholds; unset ones take the defaults
     */
    public record ModelMonitoring(@DefaultValue Map<String, List<String>> columns, @Valid ModelDrift drift) {
    }

    public record ModelDrift(@DecimalMin("0.0") Double psi, @DecimalMin("0.0") Double jsDistance,
                             @DecimalMin("0.0") Double linf, @Min(1) Long minSamples) {
    }
}
