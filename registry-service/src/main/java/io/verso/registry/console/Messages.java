package io.verso.registry.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * A refused console action: its status, and a message that htmx puts into the panel's message area (by
 * {@code HX-Retarget}) instead of the panel, so the panel keeps showing what its user decided on.
 */
final class Messages {

    static final String FRAGMENT = "console/fragments :: message";

    private Messages() {
    }

    static String refused(HttpServletResponse response, Model model, HttpStatus status, String message,
                          String target) {
        response.setStatus(status.value());
        response.setHeader("HX-Retarget", target);
        response.setHeader("HX-Reswap", "innerHTML");
        model.addAttribute("status", status.value());
        model.addAttribute("message", message);
        return FRAGMENT;
    }
}
