package io.verso.registry.security;

import io.verso.registry.web.DatabaseUnavailable;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access rules, endpoint group by endpoint group. Stateless bearer tokens, so no session, no CSRF token (no
 * cookie authenticates anything) and no login form. Health, Prometheus and the OpenAPI document are open: probes
 * and scrapers carry no token, and the API's shape is not a secret.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain registrySecurity(HttpSecurity http, TokenService tokens, JsonMapper json,
                                         DatabaseUnavailable databaseUnavailable, PodNetwork podNetwork)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // Before the anonymous filter, hence outside ExceptionTranslationFilter: its 403 handler still sees the caller.
                .addFilterBefore(new TokenAuthenticationFilter(tokens, problems, databaseUnavailable),
                        AnonymousAuthenticationFilter.class)
                // After authorization: only callers with a pod role reach it, and it holds them to their own pod.
                .addFilterAfter(new PodReportFilter(tokens, podNetwork, problems, json), AuthorizationFilter.class)
                .authorizeHttpRequests(rules -> rules
                        // The request was authorised when it arrived; long-poll completions and error pages follow it.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        // Only pods report: their status builds the routing table, their summaries drive rollouts.
                        .requestMatchers(HttpMethod.POST, "/api/v1/feed/pod-status", "/api/v1/feed/monitoring")
                        .hasRole("POD")
                        .requestMatchers(HttpMethod.GET, "/api/v1/feed/desired-state").hasAnyRole("POD", "VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/feed/routing-table").hasAnyRole("GATEWAY", "VIEWER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/models/*/versions/*/artifact")
                        .hasAnyRole("POD", "VIEWER")
                        // Any token may read its own scope; a gateway checks client keys with it.
                        .requestMatchers(HttpMethod.GET, "/api/v1/tokens/self").authenticated()
                        .requestMatchers("/api/v1/tokens", "/api/v1/tokens/**").hasRole("ADMIN")
                        // Webhook URLs make the registry send requests; only admins choose where (SSRF).
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasRole("ADMIN")
                        // A training pipeline registers versions of models that exist and reads what it registered.
                        .requestMatchers(HttpMethod.POST, "/api/v1/models/*/versions").hasAnyRole("DEPLOYER", "PUBLISHER")
                        .requestMatchers(HttpMethod.GET, "/api/v1/models", "/api/v1/models/*", "/api/v1/models/*/versions",
                                "/api/v1/models/*/versions/*", "/api/v1/models/*/versions/*/gates",
                                "/api/v1/models/*/pipeline-policy").hasAnyRole("VIEWER", "PUBLISHER")
                        .requestMatchers(HttpMethod.POST, "/api/v1/models/*/archive",
                                "/api/v1/models/*/versions/*/archive").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/actuator/**").hasRole("VIEWER")
                        .requestMatchers("/api/v1/**").hasRole("DEPLOYER")
                        .anyRequest().denyAll());
        return http.build();
    }

    /** No password users: every caller authenticates with a bearer token (also keeps Boot from generating one). */
    @Bean
    UserDetailsService noPasswordUsers() {
        return new InMemoryUserDetailsManager();
    }
}
