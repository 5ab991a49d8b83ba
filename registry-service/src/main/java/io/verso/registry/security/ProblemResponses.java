package io.verso.registry.security;

import io.verso.registry.web.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and the 503 of a token check without a database as RFC 9457 problems, like every other error of the API. They are written here, not by the MVC
 * exception handler, because security rejects the request before it reaches a controller.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail = e instanceof InvalidTokenException
                ? e.getMessage()
                : "this endpoint needs an API token: send 'Authorization: Bearer <token>'";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"verso-registry\"");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String who = caller instanceof AnonymousAuthenticationToken || caller == null
                ? "the caller" : "token '" + caller.getName() + "'";
        write(request, response, HttpStatus.FORBIDDEN, who + " may not " + request.getMethod() + " "
                + request.getRequestURI() + "; its role does not allow it");
    }

    /** A refusal decided after authorization, e.g. a pod reporting for another pod (403) or too much (413). */
    void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(request, response, status, detail);
    }

    /** The token could not be checked because PostgreSQL is unreachable: 503, as the API answers then. */
    void databaseUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        write(request, response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
