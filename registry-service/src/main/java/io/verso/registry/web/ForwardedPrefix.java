package io.verso.registry.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * The path prefix a reverse proxy serves the registry under ({@code X-Forwarded-Prefix}, e.g. the gateway's
 * {@code /admin}), so that pages link back through the proxy. Only a plain path of up to four simple segments is
 * taken; anything else is ignored, since the header comes from the client when no proxy is in between.
 */
public final class ForwardedPrefix {

    static final String HEADER = "X-Forwarded-Prefix";
    private static final Pattern SAFE = Pattern.compile("^(/[A-Za-z0-9._-]{1,64}){1,4}$");

    private ForwardedPrefix() {
    }

    /** The prefix without a trailing slash, or the empty string. */
    public static String of(HttpServletRequest request) {
        String prefix = request.getHeader(HEADER);
        if (prefix == null) {
            return "";
        }
        // The gateway sets it; a proxy in front that also appends its own makes it "/admin,/other": the first counts.
        String first = prefix.split(",", 2)[0].trim();
        String trimmed = first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
        return SAFE.matcher(trimmed).matches() ? trimmed : "";
    }
}
