package io.verso.registry.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * The path prefix the gateway serves the registry's pages under ({@code /admin}), so that pages link back through
 * it. The gateway sends it as {@value #HEADER}: its own header, because Spring Cloud Gateway strips the standard
 * {@code X-Forwarded-*} ones from proxied requests unless trusted proxies are configured. Only a plain path of up to
 * four simple segments is taken; anything else is ignored, since the header comes from the client when no gateway
 * is in between.
 */
public final class ForwardedPrefix {

    public static final String HEADER = "X-Verso-Forwarded-Prefix";
    private static final Pattern SAFE = Pattern.compile("^(/[A-Za-z0-9._-]{1,64}){1,4}$");

    private ForwardedPrefix() {
    }

    /** The prefix without a trailing slash, or the empty string. */
    public static String of(HttpServletRequest request) {
        String prefix = request.getHeader(HEADER);
        if (prefix == null) {
            return "";
        }
        // A proxy that appends rather than sets makes it "/admin,/other": the first counts.
        String first = prefix.split(",", 2)[0].trim();
        String trimmed = first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
        return SAFE.matcher(trimmed).matches() ? trimmed : "";
    }
}
