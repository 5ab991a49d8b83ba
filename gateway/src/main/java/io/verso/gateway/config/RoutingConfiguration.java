package io.verso.gateway.config;

import io.verso.contracts.RoutingTable;
import io.verso.gateway.feed.FeedStatus;
import io.verso.gateway.feed.RoutingTableCache;
import io.verso.gateway.feed.RoutingTableFeed;
import io.verso.gateway.routing.CurrentRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where routes come from: the registry's feed (starting from the disk cache) when {@code verso.gateway.registry-uri}
 * is set, else the static configuration in front of {@code verso.gateway.inference-uri}.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

    @Bean
    CurrentRouting currentRouting(VersoGatewayProperties properties) {
        if (properties.registryUri() == null) {
            log.info("No verso.gateway.registry-uri: static routing to {}", properties.inferenceUri());
            return CurrentRouting.fixed(properties.staticModels(), properties.inferenceUri().toString());
        }
        RoutingTableCache cache = cache(properties);
        RoutingTable cached = cache == null ? null : cache.load().orElse(null);
        if (cached != null) {
            log.info("Routing with cached table revision {} until the registry answers", cached.revision());
        }
        return CurrentRouting.fromRegistry(cached, properties.staticModels());
    }

    @Bean
    FeedStatus feedStatus() {
        return new FeedStatus();
    }

    /**
     * In the readiness group. Registry mode: ready once the gateway has a routing table, from the registry or its disk
     * cache (before that every predict would answer 404); a credential the registry refuses shows in the details.
     * Static mode: always up.
     */
    @Bean
    HealthIndicator routingTableHealthIndicator(VersoGatewayProperties properties, CurrentRouting routing,
                                                FeedStatus status) {
        return () -> {
            if (properties.registryUri() == null) {
                return Health.up().withDetail("mode", "static").build();
            }
            String revision = routing.get().revision();
            Health.Builder health = revision == null ? Health.outOfService()
                    .withDetail("reason", "no routing table yet: the registry has not answered and no cache was read")
                    : Health.up().withDetail("revision", revision);
            if (status.refusal() != null) {
                health.withDetail("registryRefusedCredential", status.refusal());
            }
            return health.build();
        };
    }

    /** The feed in registry mode; nothing to follow in static mode. */
    @Bean(destroyMethod = "close")
    AutoCloseable routingTableFeed(VersoGatewayProperties properties, CurrentRouting routing,
                                      WebClient gatewayWebClient, FeedStatus status) {
        if (properties.registryUri() == null) {
            return () -> { };
        }
        RoutingTableFeed feed = new RoutingTableFeed(gatewayWebClient, properties.registryUri(),
                new RoutingTableFeed.FeedOptions(properties.registryToken(), properties.feed().longPoll(),
                        properties.feed().retryDelay()),
                cache(properties), routing::update, status);
        feed.start(routing.get().revision());
        return feed;
    }

    private static RoutingTableCache cache(VersoGatewayProperties properties) {
        return properties.routingCache() == null ? null : new RoutingTableCache(properties.routingCache());
    }
}
