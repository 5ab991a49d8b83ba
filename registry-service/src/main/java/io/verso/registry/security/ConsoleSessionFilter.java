package io.verso.registry.security;

import io.verso.registry.web.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates console requests by their session cookie, before the CSRF check (which compares against the
 * session's token). No cookie, or one naming no live session: the request goes on anonymous (a stale cookie is
 * dropped) and the access rules send it to the sign-in page. The console never accepts a bearer header: its
 * actions are for people in a browser, the API's for programs.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link ConsoleSessions.SignedIn} caller, for the CSRF repository. */
    static final String SIGNED_IN = ConsoleSessionFilter.class.getName() + ".SIGNED_IN";

    private final ConsoleSessions sessions;
    private final DatabaseUnavailable databaseUnavailable;

    ConsoleSessionFilter(ConsoleSessions sessions, DatabaseUnavailable databaseUnavailable) {
        this.sessions = sessions;
        this.databaseUnavailable = databaseUnavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> id = ConsoleCookie.read(request);
        Optional<ConsoleSessions.SignedIn> signedIn;
        try {
            signedIn = id.flatMap(sessions::find);
        } catch (RuntimeException e) {
            // The token cannot be re-checked without PostgreSQL: 503, not a sign-out the user did not ask for.
            if (!databaseUnavailable.explains(e)) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
            return;
        }
        if (id.isPresent() && signedIn.isEmpty()) {
            ConsoleCookie.clear(request, response, sessions);
        }
        if (signedIn.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        TokenPrincipal principal = signedIn.get().principal();
        request.setAttribute(SIGNED_IN, signedIn.get());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                AuthorityUtils.createAuthorityList(principal.role().authorities())));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
