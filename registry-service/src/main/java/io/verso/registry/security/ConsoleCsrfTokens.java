package io.verso.registry.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * Where the console's CSRF tokens live. Signed in: the session's own token (synchronizer pattern; nothing extra
 * stored in the browser). Before sign-in, for the sign-in form only: a double-submit HttpOnly, SameSite=Strict
 * cookie, so another site cannot sign a browser in with the attacker's token (login CSRF) and no server state is
 * created for anonymous visitors.
 */
final class ConsoleCsrfTokens implements CsrfTokenRepository {

    static final String HEADER = "X-CSRF-TOKEN";
    static final String PARAMETER = "_csrf";

    private final CookieCsrfTokenRepository signIn = new CookieCsrfTokenRepository();

    ConsoleCsrfTokens() {
        signIn.setCookieName("verso_console_csrf");
        signIn.setHeaderName(HEADER);
        signIn.setParameterName(PARAMETER);
        signIn.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Strict").path("/"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        ConsoleSessions.SignedIn session = signedIn(request);
        return session == null ? signIn.generateToken(request) : sessionToken(session);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (signedIn(request) == null) {
            signIn.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        ConsoleSessions.SignedIn session = signedIn(request);
        return session == null ? signIn.loadToken(request) : sessionToken(session);
    }

    private static ConsoleSessions.SignedIn signedIn(HttpServletRequest request) {
        return (ConsoleSessions.SignedIn) request.getAttribute(ConsoleSessionFilter.SIGNED_IN);
    }

    private static CsrfToken sessionToken(ConsoleSessions.SignedIn session) {
        return new DefaultCsrfToken(HEADER, PARAMETER, session.csrfToken());
    }
}
