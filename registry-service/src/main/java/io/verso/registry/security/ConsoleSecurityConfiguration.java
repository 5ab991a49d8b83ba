package io.verso.registry.security;

import io.verso.registry.web.DatabaseUnavailable;
import io.verso.registry.web.ForwardedPrefix;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.util.HtmlUtils;

/**
 * The web console's access rules, apart from the API's: a session cookie instead of a bearer token, hence CSRF
 * protection on every state-changing request, and a strict Content-Security-Policy (scripts, styles and data only
 * from the registry itself; no inline script or style; no framing). Viewers see every page; deployers act on
 * deployments, rollouts and versions; admins also manage tokens. This chain comes first and owns only
 * {@code /console/**}; everything else goes on to the API's.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleSessions sessions,
                                       DatabaseUnavailable databaseUnavailable) throws Exception {
        http.securityMatcher("/console", "/console/**")
                .csrf(csrf -> csrf.csrfTokenRepository(new ConsoleCsrfTokens()))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .exceptionHandling(e -> e.authenticationEntryPoint(ConsoleSecurityConfiguration::signInFirst)
                        .accessDeniedHandler(ConsoleSecurityConfiguration::refuse))
                .addFilterBefore(new ConsoleSessionFilter(sessions, databaseUnavailable), CsrfFilter.class)
                .authorizeHttpRequests(rules -> rules
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/console/sign-in", "/console/static/**", "/console/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/console/sign-out").authenticated()
                        .requestMatchers("/console/tokens", "/console/tokens/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").hasRole("VIEWER")
                        .requestMatchers("/console/**").hasRole("DEPLOYER")
                        .anyRequest().denyAll());
        return http.build();
    }

    /** Pages go to the sign-in form; htmx and script requests get a 401 that tells htmx where to go. */
    private static void signInFirst(HttpServletRequest request, HttpServletResponse response,
                                    AuthenticationException e) throws IOException {
        String signIn = ForwardedPrefix.of(request) + "/console/sign-in";
        if (request.getHeader("HX-Request") != null || !"GET".equals(request.getMethod())
                || request.getRequestURI().endsWith(".json") || request.getRequestURI().endsWith("/live")) {
            response.setHeader("HX-Redirect", signIn);
            writeMessage(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Your session has ended. Sign in again.");
            return;
        }
        response.sendRedirect(signIn);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String message = e instanceof CsrfException
                ? "This form has expired or did not come from the console. Reload the page and try again."
                : "Your role does not allow this action.";
        writeMessage(response, HttpServletResponse.SC_FORBIDDEN, message);
    }

    /** A short HTML fragment, as htmx swaps into the panel's message area. */
    private static void writeMessage(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("<div class=\"alert alert-error\" role=\"alert\">" + HtmlUtils.htmlEscape(message)
                + "</div>");
    }
}
