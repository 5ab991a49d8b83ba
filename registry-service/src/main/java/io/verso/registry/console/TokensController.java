package io.verso.registry.console;

import io.verso.registry.error.RegistryException;
import io.verso.registry.security.TokenRequests.CreateToken;
import io.verso.registry.security.TokenRequests.CreatedToken;
import io.verso.registry.security.TokenService;
import io.verso.registry.web.ErrorStatus;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin's tokens page: issue a token (its secret is shown on this one answer, never again) and revoke one by
 * name. The same checks as {@code /api/v1/tokens}: the request record's constraints and the token service.
 */
@Controller
class TokensController {

    private static final String PAGE = "console/tokens";

    private final TokenService tokens;

    TokensController(TokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/console/tokens")
    String page() {
        return PAGE;
    }

    @PostMapping("/console/tokens")
    String issue(@Valid @ModelAttribute CreateToken request, BindingResult errors, Principal caller,
                 HttpServletResponse response, Model model) {
        if (errors.hasErrors()) {
            FieldError first = errors.getFieldError();
            return refuse(response, model, HttpStatus.BAD_REQUEST, first == null ? "The form is not valid."
                    : "The " + first.getField() + " " + first.getDefaultMessage() + ".");
        }
        try {
            CreatedToken created = tokens.create(request, caller.getName());
            model.addAttribute("created", created);
        } catch (RegistryException e) {
            return refuse(response, model, ErrorStatus.of(e.kind()), e.getMessage());
        }
        return PAGE;
    }

    @PostMapping("/console/tokens/revoke")
    String revoke(@RequestParam(defaultValue = "") String name, Principal caller, HttpServletResponse response,
                  Model model) {
        try {
            tokens.revoke(name, caller.getName());
        } catch (RegistryException e) {
            return refuse(response, model, ErrorStatus.of(e.kind()), e.getMessage());
        }
        model.addAttribute("notice", "Token '" + name + "' is revoked; its console sessions end with it.");
        return PAGE;
    }

    private static String refuse(HttpServletResponse response, Model model, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("error", message);
        return PAGE;
    }
}
