package io.verso.inference.config;

import io.grpc.BindableService;
import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.grpc.GrpcCalls;
import io.verso.inference.api.grpc.GrpcServer;
import io.verso.inference.api.grpc.Unary;
import io.verso.inference.api.grpc.tfserving.ModelGrpcService;
import io.verso.inference.api.grpc.tfserving.PredictionGrpcService;
import io.verso.inference.api.grpc.v2.InferenceGrpcService;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.tracing.InferenceTracing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts the gRPC server beside REST when {@code verso.inference.grpc.port} is set, over the same data plane: the
 * same inference executor, batching, validation, observers and metrics.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("verso.inference.grpc.port")
class GrpcConfiguration {

    /** Stopping waits this long for in-flight calls, as REST's graceful shutdown does. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Bean(initMethod = "start", destroyMethod = "stop")
    GrpcServer grpcServer(InferenceProperties properties, InferenceService service, EncodingMetrics encoding,
                          InferenceTracing tracing, Environment environment) {
        InferenceProperties.Grpc grpc = properties.grpc();
        int threads = grpc.threads() > 0 ? grpc.threads() : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ExecutorService callExecutor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "grpc-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Unary unary = new Unary(callExecutor);
        List<BindableService> services = List.of(
                new PredictionGrpcService(service, encoding, unary),
                new ModelGrpcService(service, unary, configSource(properties)),
                new InferenceGrpcService(service, encoding, unary,
                        environment.getProperty("spring.application.version", "development")));
        return new GrpcServer(grpc.port(), Math.toIntExact(Math.min(Integer.MAX_VALUE, grpc.maxMessageSize().toBytes())),
                grpc.maxConcurrentCallsPerConnection(), callExecutor, GRACE, new GrpcCalls(tracing, encoding),
                services);
    }

    private static String configSource(InferenceProperties properties) {
        if (properties.registry().uri() != null) {
            return "the registry at " + properties.registry().uri();
        }
        if (properties.modelConfigFile() != null) {
            return "the model config file " + properties.modelConfigFile();
        }
        return "its configuration (verso.inference.models, --model_name/--model_base_path)";
    }
}
