package io.verso.gateway.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings under {@code verso.gateway}, checked when the gateway starts. (Named apart from Spring Cloud
 * Gateway's own {@code GatewayProperties}.)
 *
 * @param inferenceUri where prediction traffic goes while no routing table from the registry says otherwise;
 *                     an absolute http(s) URI
 */
@Validated
@ConfigurationProperties(prefix = "verso.gateway")
public record VersoGatewayProperties(@NotNull @DefaultValue("http://127.0.0.1:8501") URI inferenceUri) {

    public VersoGatewayProperties {
        // A relative or non-HTTP URI would only fail later, inside route building, without naming the property.
        if (inferenceUri != null && !isAbsoluteHttp(inferenceUri)) {
            throw new IllegalArgumentException(
                    "verso.gateway.inference-uri must be an absolute http(s) URI with a host, but was " + inferenceUri);
        }
    }

    private static boolean isAbsoluteHttp(URI uri) {
        return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null;
    }
}
