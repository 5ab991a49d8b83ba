package io.verso.registry.console;

import io.verso.registry.error.RegistryException;
import io.verso.registry.security.TokenPrincipal;
import io.verso.registry.web.ErrorStatus;
import io.verso.registry.web.ForwardedPrefix;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every console page knows: where the console is (behind the gateway, {@code /admin/console}), who is signed
 * in and what their role lets them do (pages show action controls only to those who may use them; the security
 * rules refuse the rest anyway). A registry error on a page renders as the console's error page, on an htmx
 * request as a message in the panel, with the API's status and detail.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {

    /** The page-wide message area, where errors of requests without a panel of their own go. */
    static final String PAGE_MESSAGES = "#page-messages";

    @ModelAttribute
    void common(HttpServletRequest request, Principal caller, Model model) {
        model.addAttribute("base", ForwardedPrefix.of(request) + "/console");
        if (caller instanceof Authentication authentication
                && authentication.getPrincipal() instanceof TokenPrincipal principal) {
            model.addAttribute("me", principal.name());
            model.addAttribute("role", principal.role().apiName());
            model.addAttribute("canDeploy", request.isUserInRole("DEPLOYER"));
            model.addAttribute("isAdmin", request.isUserInRole("ADMIN"));
        }
    }

    @ExceptionHandler(RegistryException.class)
    String registryError(RegistryException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        return error(ErrorStatus.of(e.kind()), e.getMessage(), request, response, model);
    }

    /** A form field missing or not a number: the browser's request is wrong, not the registry (400, not 500). */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String badParameter(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        String name = e instanceof MissingServletRequestParameterException missing ? missing.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return error(HttpStatus.BAD_REQUEST, "The field '" + name + "' is missing or not valid.", request, response,
                model);
    }

    private static String error(HttpStatus status, String message, HttpServletRequest request,
                                HttpServletResponse response, Model model) {
        if (request.getHeader("HX-Request") != null) {
            return Messages.refused(response, model, status, message, PAGE_MESSAGES);
        }
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("message", message);
        return "console/error";
    }
}
