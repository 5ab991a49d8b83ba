package io.verso.registry.security;

import io.verso.registry.podreport.PodId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds a pod credential to its own pod on the two reports that move traffic: {@code POST /api/v1/feed/pod-status}
 * (the routing table) and {@code POST /api/v1/feed/monitoring} (canary analysis). Runs after authorization (only
 * pod roles get here) and before the controller, reading the report's {@code podId} and {@code endpoint} from the
 * body, which it then replays.
 *
 * <ul>
 *   <li>A stored {@code pod} token is bound to the pod id of its first report and answers 403 for any other.</li>
 *   <li>The configured pod token ({@code VERSO_REGISTRY_POD_TOKEN}) is shared by all pods of a Helm Deployment or a
 *       compose stack, so it cannot be bound to one id; like every pod credential it may report only an endpoint
 *       inside {@link PodNetwork}, which is what keeps a leaked copy from sending clients' traffic elsewhere.</li>
 *   <li>A deprecated {@code machine} token is held to the network rule only.</li>
 * </ul>
 */
final class PodReportFilter extends OncePerRequestFilter {

    private static final Set<String> REPORTS = Set.of("/api/v1/feed/pod-status", "/api/v1/feed/monitoring");
    /** Reports are a few kilobytes; this bounds what is buffered before the controller's own checks. */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private final TokenService tokens;
    private final PodNetwork network;
    private final ProblemResponses problems;
    private final JsonMapper json;

    PodReportFilter(TokenService tokens, PodNetwork network, ProblemResponses problems, JsonMapper json) {
        this.tokens = tokens;
        this.network = network;
        this.problems = problems;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !REPORTS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !(caller.getPrincipal() instanceof TokenPrincipal principal)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            problems.refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE,
                    "a pod report may not exceed " + MAX_BODY + " bytes");
            return;
        }
        JsonNode report;
        try {
            report = json.readTree(body);
        } catch (JacksonException e) {
            // Not JSON: the controller answers the 400 with the parser's own words.
            chain.doFilter(new Replayed(request, body), response);
            return;
        }
        Optional<String> refusal = refusal(principal, text(report, "podId"),
                request.getRequestURI().endsWith("pod-status") ? text(report, "endpoint") : null);
        if (refusal.isPresent()) {
            problems.refuse(request, response, HttpStatus.FORBIDDEN, refusal.get());
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    private Optional<String> refusal(TokenPrincipal principal, String podId, String endpoint) {
        if (endpoint != null) {
            Optional<String> outside = network.refusal(endpoint);
            if (outside.isPresent()) {
                return Optional.of("token '" + principal.name() + "' may not report this pod: " + outside.get());
            }
        }
        // A malformed id binds nothing: the controller answers it with its 400.
        if (principal.role() == Role.POD && !ConfiguredTokens.PODS.equals(principal.name()) && PodId.isValid(podId)) {
            return tokens.bindPod(principal.name(), podId)
                    .filter(bound -> !bound.equals(podId))
                    .map(bound -> "token '" + principal.name() + "' belongs to pod '" + bound
                            + "' (bound by its first report) and may not report for pod '" + podId + "'");
        }
        return Optional.empty();
    }

    private static String text(JsonNode report, String field) {
        JsonNode value = report == null ? null : report.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    /** The request with its body read once here and served again to the controller. */
    private static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous replay only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
