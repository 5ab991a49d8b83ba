package io.verso.registry.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.verso.registry.analysis.AnalysisSettings;
import io.verso.registry.feed.FeedSettings;
import io.verso.registry.rollout.CanarySettings;
import io.verso.registry.security.ConfiguredTokens;
import io.verso.registry.security.PodNetwork;
import io.verso.registry.webhook.WebhookSettings;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds and validates {@link RegistryProperties} at start-up, so a bad value stops the service early, and turns
 * them into the plain settings objects of the feature packages (which never see the properties class).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

    @Bean
    ConfiguredTokens configuredTokens(RegistryProperties properties) {
        return new ConfiguredTokens(properties.bootstrapToken(), properties.podToken(), properties.gatewayToken(),
                properties.retireBootstrapToken());
    }

    @Bean
    PodNetwork podNetwork(RegistryProperties properties) {
        return new PodNetwork(properties.podNetwork().cidrs(), properties.podNetwork().ports());
    }

    @Bean
    FeedSettings feedSettings(RegistryProperties properties) {
        return new FeedSettings(properties.feed().podTtl(), properties.feed().maxWait());
    }

    @Bean
    AnalysisSettings analysisSettings(RegistryProperties properties) {
        return new AnalysisSettings(properties.analysis().summaryTtl());
    }

    @Bean
    CanarySettings canarySettings(RegistryProperties properties) {
        return new CanarySettings(properties.analysis().interval());
    }

    @Bean
    WebhookSettings webhookSettings(RegistryProperties properties) {
        RegistryProperties.Webhooks webhooks = properties.webhooks();
        return new WebhookSettings(webhooks.maxAttempts(), webhooks.initialBackoff(), webhooks.maxBackoff(),
                webhooks.timeout(), webhooks.pollInterval(), webhooks.secretKey(),
                properties.artifactRoot().resolve(".webhook-secret-key"));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI registryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Verso registry API").version("v1").description(
                        "Models, versions, artifacts and deployments; feeds for inference pods and gateways. "
                                + "Errors are RFC 9457 problem details with a 'field' property."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("Verso API token")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
