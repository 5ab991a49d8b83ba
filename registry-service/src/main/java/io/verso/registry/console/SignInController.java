package io.verso.registry.console;

import io.verso.registry.security.ConsoleCookie;
import io.verso.registry.security.ConsoleSessions;
import io.verso.registry.web.ForwardedPrefix;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in exchanges a registry token for a session cookie (the token is checked once and never stored or echoed);
 * sign-out ends the session on the server and drops the cookie.
 */
@Controller
class SignInController {

    private final ConsoleSessions sessions;

    SignInController(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping({"/console", "/console/"})
    String home(HttpServletRequest request) {
        return "redirect:" + ForwardedPrefix.of(request) + "/console/models";
    }

    @GetMapping("/console/sign-in")
    String form() {
        return "console/sign-in";
    }

    @PostMapping("/console/sign-in")
    String signIn(@RequestParam(defaultValue = "") String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        if (token.isBlank() || token.length() > 512) {
            return refuse(response, model, "Paste a registry API token.");
        }
        Optional<ConsoleSessions.Opened> opened;
        try {
            opened = sessions.open(token.trim());
        } catch (IllegalArgumentException e) {
            return refuse(response, model, e.getMessage() + ".");
        }
        if (opened.isEmpty()) {
            return refuse(response, model, "This token is unknown or revoked.");
        }
        ConsoleCookie.set(request, response, opened.get().id());
        return "redirect:" + ForwardedPrefix.of(request) + "/console/models";
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        ConsoleCookie.clear(request, response, sessions);
        return "redirect:" + ForwardedPrefix.of(request) + "/console/sign-in?signed-out";
    }

    private static String refuse(HttpServletResponse response, Model model, String error) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        model.addAttribute("error", error);
        return "console/sign-in";
    }
}
