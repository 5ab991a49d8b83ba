package io.verso.gateway.config;

import io.verso.gateway.backend.PodCaller;
import io.verso.gateway.grpc.GrpcGatewayServer;
import io.verso.gateway.grpc.GrpcProtection;
import io.verso.gateway.metrics.GatewayMetrics;
import io.verso.gateway.protection.ClientAddress;
import io.verso.gateway.protection.ClientRateLimiter;
import io.verso.gateway.protection.KeyVerifier;
import io.verso.gateway.routing.CurrentRouting;
import io.verso.gateway.routing.EndpointPicker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the gRPC port when {@code verso.gateway.grpc.port} is set, with the REST route's routing and protection. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("verso.gateway.grpc.port")
class GrpcGatewayConfiguration {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GrpcGatewayServer grpcGatewayServer(VersoGatewayProperties properties, CurrentRouting routing, PodCaller pods,
                                        KeyVerifier keys, ClientRateLimiter limiter, ClientAddress addresses,
                                        GatewayMetrics metrics, EndpointPicker picker) {
        VersoGatewayProperties.Grpc grpc = properties.grpc();
        GrpcProtection protection = new GrpcProtection(properties.auth().enabled() ? keys : null,
                properties.rateLimit().enabled() ? limiter : null, addresses, properties.auth().header());
        return new GrpcGatewayServer(grpc.port(),
                new GrpcGatewayServer.Tls(grpc.certificateChain(), grpc.privateKey()), grpc.podPort(),
                grpc.podPortOffset(), Math.toIntExact(properties.maxRequestSize().toBytes()), routing, pods,
                protection, metrics, new GrpcGatewayServer.Shadows(picker, properties.shadow().timeout(),
                        grpc.maxShadowCalls()));
    }
}
