package io.verso.registry.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The console's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * path {@code /} (the console is reached at {@code /console} and, through the gateway, at {@code /admin/console}),
 * Secure whenever the request came over HTTPS. Its value is the random session id, never the token.
 */
public final class ConsoleCookie {

    static final String NAME = "verso_console";

    private ConsoleCookie() {
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie for a session just opened; it lives as long as the session may. */
    public static void set(HttpServletRequest request, HttpServletResponse response, String sessionId) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, sessionId, ConsoleSessions.LIFETIME));
    }

    /** Ends the session named by the request's cookie, if any, and tells the browser to drop the cookie. */
    public static void clear(HttpServletRequest request, HttpServletResponse response, ConsoleSessions sessions) {
        read(request).ifPresent(sessions::close);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO));
    }

    private static String cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(request.isSecure()).sameSite("Strict")
                .path("/").maxAge(maxAge).build().toString();
    }
}
