package io.verso.inference.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
 * Settings of the inference service under {@code verso.inference}. Models come from any mix of: {@code models}
 * (YAML), {@code model-config-file} (TensorFlow Serving's {@code model_config_list} text format), and the single
 * {@code model-name}/{@code model-base-path} pair that {@code --model_name}/{@code --model_base_path} set.
 *
 * @param modelName a single model's name ({@code --model_name}); used with {@code modelBasePath}
 * @param modelBasePath a single model's base path ({@code --model_base_path})
 * @param modelConfigFile a TensorFlow Serving model config file ({@code --model_config_file})
 * @param models models configured as properties
 * @param pollInterval how often model base paths are scanned for new and removed versions; 0 scans once
 * @param maxRequestSize the largest request body accepted; larger ones get 413
 * @param executor the bounded pool that runs inference
 * @param loading how versions are loaded
 * @param defaultSession session options of models that set none (the {@code --tensorflow_*} flags set these)
 * @param enableBatching batch every model that configures no batching of its own ({@code --enable_batching})
 * @param batchingParametersFile TensorFlow Serving's batching parameters for those models
 *     ({@code --batching_parameters_file}); its defaults when unset
 * @param registry following a Verso registry's desired state; off unless {@code registry.uri} is set
 * @param grpc the gRPC server; off unless {@code grpc.port} is set ({@code --port})
 */
@ConfigurationProperties("verso.inference")
@Validated
public record InferenceProperties(
        String modelName,
        Path modelBasePath,
        Path modelConfigFile,
        @Valid @DefaultValue List<ModelProperties> models,
        @NotNull @DurationMin(millis = 0) @DefaultValue("1s") Duration pollInterval,
        @NotNull @DefaultValue("64MB") DataSize maxRequestSize,
        @Valid @NotNull @DefaultValue Executor executor,
        @Valid @NotNull @DefaultValue Loading loading,
        @Valid @NotNull @DefaultValue Session defaultSession,
        @DefaultValue("false") boolean enableBatching,
        Path batchingParametersFile,
        @Valid @NotNull @DefaultValue Registry registry,
        @Valid @NotNull @DefaultValue Grpc grpc) {

    /**
     * The gRPC server (TensorFlow Serving's PredictionService and ModelService, V2's GRPCInferenceService).
     *
     * @param port its port ({@code --port}; TensorFlow Serving's is 8500); unset: no gRPC server; 0: a free port
     * @param maxMessageSize the largest request message accepted; larger ones are refused with RESOURCE_EXHAUSTED
     *     before they are read
     * @param threads threads that handle calls (decoding, encoding; inference runs on {@code executor}); 0 means one
     *     per available core
     * @param maxConcurrentCallsPerConnection calls one connection may have open at once
     */
    public record Grpc(@Min(0) @Max(65535) Integer port,
                       @NotNull @DefaultValue("32MB") DataSize maxMessageSize,
                       @Min(0) @DefaultValue("0") int threads,
                       @Min(1) @DefaultValue("1024") int maxConcurrentCallsPerConnection) {
    }

    /**
     * The registry this pod follows.
     *
     * @param uri the registry's base URL; unset: the pod serves its configured model repositories only
     * @param token the pod's machine token (role {@code machine})
     * @param podId the pod's identity in status reports; the host name when unset
     * @param endpoint the base URL gateways reach this pod at; {@code http://<host name>:<port>} when unset
     * @param cacheDir artifacts and the last desired state, kept across restarts
     * @param pollWait how long one long-poll of the desired state waits for a change
     * @param unloadGrace how long a version stays loaded after the desired state stops listing it
     * @param maxBackoff the longest pause between failed polls
     * @param heartbeat how often the pod reports its status when nothing changes
     * @param maxModelSize the most an artifact may expand to
     * @param models the models this pod serves out of the desired state (e.g. a GPU pool only the heavy one);
     *     empty: every model the registry deploys
     */
    public record Registry(java.net.URI uri, String token, String podId, String endpoint,
                           @NotNull @DefaultValue("var/registry-cache") Path cacheDir,
                           @NotNull @DefaultValue("30s") Duration pollWait,
                           @NotNull @DefaultValue("30s") Duration unloadGrace,
                           @NotNull @DefaultValue("30s") Duration maxBackoff,
                           @NotNull @DefaultValue("10s") Duration heartbeat,
                           @NotNull @DefaultValue("8GB") DataSize maxModelSize,
                           @DefaultValue List<String> models) {
    }

    /**
     * @param threads inference threads; 0 means one per available core
     * @param queueCapacity requests that may wait for a thread before new ones get 429
     */
    public record Executor(@Min(0) @DefaultValue("0") int threads, @Min(1) @DefaultValue("256") int queueCapacity) {
    }

    /**
     * @param threads versions loaded at once
     * @param maxAttempts tries per version before it is ERROR
     * @param retryDelay pause between tries
     */
    public record Loading(@Min(1) @DefaultValue("2") int threads, @Min(1) @DefaultValue("3") int maxAttempts,
                          @NotNull @DefaultValue("1s") Duration retryDelay) {
    }

    /**
     * One model configured as properties.
     *
     * @param name the name clients use
     * @param basePath directory of numbered version directories
     * @param versionPolicy LATEST (with {@code numVersions}), ALL, or SPECIFIC (with {@code versions})
     * @param labels version labels, e.g. {@code stable: 123}
     * @param session TensorFlow session options; {@code defaultSession} when unset
     * @param batching request batching; unset runs each request on its own
     */
    public record ModelProperties(@NotBlank String name, @NotNull Path basePath,
                                  @NotNull @DefaultValue("LATEST") PolicyKind versionPolicy,
                                  @Min(1) @DefaultValue("1") int numVersions,
                                  @DefaultValue List<Long> versions,
                                  @DefaultValue Map<String, Long> labels,
                                  @Valid Session session,
                                  @Valid Batching batching) {
    }

    /**
     * See {@link io.verso.inference.model.BatchingOptions}.
     *
     * @param latencyTarget turns on the adaptive mode: batch size and timeout are tuned to keep p99 under it
     */
    public record Batching(@Min(1) @DefaultValue("32") int maxBatchSize,
                           @NotNull @DefaultValue("2ms") Duration batchTimeout,
                           @DefaultValue List<Integer> allowedBatchSizes,
                           @Min(1) @DefaultValue("64") int maxEnqueuedBatches,
                           @Min(1) @DefaultValue("2") int threads,
                           Duration latencyTarget) {
    }

    public enum PolicyKind { LATEST, ALL, SPECIFIC }

    /** See {@link io.verso.inference.model.SessionOptions}. */
    public record Session(@Min(0) @DefaultValue("0") int intraOpThreads,
                          @Min(0) @DefaultValue("0") int interOpThreads,
                          @DefaultValue("true") boolean gpuAllowGrowth,
                          @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double gpuMemoryFraction,
                          @DefaultValue("") String visibleDevices,
                          @DefaultValue("true") boolean allowSoftPlacement) {
    }
}
