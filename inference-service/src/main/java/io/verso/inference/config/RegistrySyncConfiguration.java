package io.verso.inference.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.verso.inference.api.grpc.GrpcServer;
import io.verso.inference.lifecycle.ModelManager;
import io.verso.inference.lifecycle.source.registry.RegistryModelSource;
import io.verso.inference.lifecycle.source.registry.RegistrySync;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Connects the pod to a registry when {@code verso.inference.registry.uri} is set, advertising the gRPC port when
 * {@code verso.inference.grpc.port} is set. Readiness then also waits for every desired stable version to be
 * AVAILABLE; liveness never depends on the registry.
 */
@Configuration(proxyBeanMethods = false)
class RegistrySyncConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("verso.inference.registry.uri")
    RegistrySync registrySync(InferenceProperties properties, ModelManager manager, MeterRegistry meters,
                              Environment environment, ObjectProvider<GrpcServer> grpc) {
        InferenceProperties.Registry registry = properties.registry();
        String host = hostName();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8501"));
        RegistrySync.Settings settings = new RegistrySync.Settings(registry.uri(), registry.token(),
                Optional.ofNullable(registry.podId()).orElse(host),
                Optional.ofNullable(registry.endpoint()).orElse("http://" + host + ":" + port),
                // Asking for the server starts it first, so a port of 0 is already the one it bound.
                Optional.ofNullable(grpc.getIfAvailable()).map(GrpcServer::port).orElse(null),
                registry.cacheDir(),
                new RegistryModelSource.Timing(registry.pollWait(), registry.unloadGrace(), registry.maxBackoff()),
                registry.heartbeat(), registry.maxModelSize().toBytes(), Set.copyOf(registry.models()));
        return RegistrySync.start(settings, manager, meters, ModelConfigs.registryModels(properties));
    }

    /** In the readiness group; UP when the pod follows no registry. */
    @Bean
    HealthIndicator registrySyncHealthIndicator(ObjectProvider<RegistrySync> sync) {
        return () -> {
            RegistrySync registrySync = sync.getIfAvailable();
            if (registrySync == null) {
                return Health.up().withDetail("registry", "not configured").build();
            }
            return registrySync.isReady() ? Health.up().build()
                    : Health.outOfService().withDetail("reason", "a desired stable version is not AVAILABLE yet").build();
        };
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
