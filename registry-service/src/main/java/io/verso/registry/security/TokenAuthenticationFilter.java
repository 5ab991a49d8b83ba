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
 * Authenticates {@code Authorization: Bearer <token>}. No header: the request goes on anonymous and the
 * authorization rules decide (401 where a role is needed). A header with a bad token: 401 at once, because
 * silently treating it as anonymous would hide a misconfigured client. A token that cannot be checked because
 * PostgreSQL is unreachable: 503, so clients retry instead of thinking their token was revoked.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final ProblemResponses problems;
    private final DatabaseUnavailable databaseUnavailable;

    TokenAuthenticationFilter(TokenService tokens, ProblemResponses problems, DatabaseUnavailable databaseUnavailable) {
        this.tokens = tokens;
        this.problems = problems;
        this.databaseUnavailable = databaseUnavailable;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() == BEARER.length()) {
            problems.commence(request, response, new InvalidTokenException(
                    "the Authorization header must be 'Bearer <token>'"));
            return;
        }
        Optional<TokenPrincipal> principal;
        try {
            principal = tokens.authenticate(header.substring(BEARER.length()).trim());
        } catch (RuntimeException e) {
            if (!databaseUnavailable.explains(e)) {
                throw e;
            }
            problems.databaseUnavailable(request, response);
            return;
        }
        if (principal.isEmpty()) {
            problems.commence(request, response, new InvalidTokenException(
                    "the bearer token is unknown or revoked"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                AuthorityUtils.createAuthorityList(principal.get().role().authorities())));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
