package io.verso.gateway.config;

import io.verso.gateway.protection.ActuatorKeyFilter;
import io.verso.gateway.protection.ClientAddress;
import io.verso.gateway.protection.ClientRateLimiter;
import io.verso.gateway.protection.ConfiguredKeys;
import io.verso.gateway.protection.InMemoryRateLimiter;
import io.verso.gateway.protection.KeyVerifier;
import io.verso.gateway.protection.RedisRateLimiter;
import io.verso.gateway.protection.RegistryKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/** API keys and rate limits of the inference APIs. */
@Configuration(proxyBeanMethods = false)
class ProtectionConfiguration {

    @Bean
    KeyVerifier apiKeys(VersoGatewayProperties properties, WebClient gatewayWebClient) {
        VersoGatewayProperties.Auth auth = properties.auth();
        KeyVerifier registry = auth.registryKeys() && properties.registryUri() != null
                ? new RegistryKeys(gatewayWebClient, properties.registryUri(), auth.registryKeyTtl(),
                        auth.registryKeyTtl().dividedBy(10), auth.maxCachedKeys(), auth.registryChecksPerSecond(),
                        System::currentTimeMillis)
                : null;
        return new ConfiguredKeys(auth.keys(), registry);
    }

    @Bean
    ClientRateLimiter clientRateLimiter(VersoGatewayProperties properties,
                                        ObjectProvider<ReactiveStringRedisTemplate> redis) {
        VersoGatewayProperties.RateLimit limit = properties.rateLimit();
        if (limit.store() == VersoGatewayProperties.Store.REDIS) {
            return new RedisRateLimiter(redis.getObject(), "verso:gateway:rate:", limit.requestsPerSecond(),
                    limit.burst());
        }
        return new InMemoryRateLimiter(limit.requestsPerSecond(), limit.burst(), limit.maxClients(),
                System::nanoTime);
    }

    /** Only with authentication on: a local trial's gateway keeps its actuator as open as its APIs. */
    @Bean
    @ConditionalOnProperty(name = "verso.gateway.auth.enabled", havingValue = "true", matchIfMissing = true)
    ActuatorKeyFilter actuatorKeyFilter(VersoGatewayProperties properties, KeyVerifier keys) {
        return new ActuatorKeyFilter(properties.auth().header(), keys);
    }

    @Bean
    ClientAddress clientAddress(VersoGatewayProperties properties) {
        return new ClientAddress(properties.rateLimit().trustedProxies());
    }
}
