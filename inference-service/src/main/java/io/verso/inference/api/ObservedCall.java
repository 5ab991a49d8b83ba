package io.verso.inference.api;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.verso.inference.dataplane.CallContext;
import io.verso.inference.dataplane.InferenceRequest;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.dataplane.Prediction;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import io.verso.inference.tracing.InferenceTracing;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.core.JacksonException;

/**
 * One inference call as a handler sees it, from its arrival to the moment it is handed to the data plane: picks
 * the request id (and echoes it as {@value #REQUEST_ID_HEADER} on whatever answer follows, error or not),
 * collects the x-verso-* headers, and reports calls that fail before reaching the data plane, which reports
 * the rest. It hands the call to the data plane with the exchange's server span in scope, so the data plane's
 * spans continue the caller's trace, and encodes the answer in a {@code verso.encode} span.
 */
public final class ObservedCall {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String VERSO_HEADER_PREFIX = "x-verso-";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ServerRequest request;
    private final InferenceService service;
    private final InferenceTracing tracing;
    private final EncodingMetrics encoding;
    private final Span serverSpan;
    private final String api;
    private final String method;
    private final String model;
    private final boolean clientChoseId;
    private final Map<String, String> versoHeaders;
    private String requestId;
    private long requestBytes;
    private long receivedNanos = System.nanoTime();
    private boolean handedOver;

    public ObservedCall(ServerRequest request, InferenceService service, InferenceTracing tracing,
                        EncodingMetrics encoding, String api, String method, String model) {
        this.request = request;
        this.service = service;
        this.tracing = tracing;
        this.encoding = encoding;
        this.serverSpan = InferenceTracing.serverSpan(request.exchange().getAttributes());
        this.api = api;
        this.method = method;
        this.model = model;
        String header = request.headers().firstHeader(REQUEST_ID_HEADER);
        this.clientChoseId = isValidId(header);
        this.versoHeaders = versoHeaders(request);
        useId(clientChoseId ? header : UUID.randomUUID().toString());
    }

    public static boolean isValidId(String id) {
        return id != null && VALID_ID.matcher(id).matches();
    }

    /** The body has arrived: its size is known and the call's total time starts. */
    public void bodyRead(int bytes) {
        requestBytes = bytes;
        receivedNanos = System.nanoTime();
    }

    /** An id the body carries (V2's {@code "id"}) is used when valid, unless the header already named one. */
    public void bodyId(String id) {
        if (!clientChoseId && isValidId(id)) {
            useId(id);
        }
    }

    /** The context to pass with the request; from here on the data plane reports the call. */
    public CallContext handOver() {
        handedOver = true;
        return new CallContext(requestId, api, method, versoHeaders, requestBytes, receivedNanos);
    }

    /** Runs the request, built with {@link #handOver()}, in the data plane, as a child of the server span. */
    public CompletableFuture<Prediction> infer(InferenceRequest inference) {
        try (Tracer.SpanInScope ignored = tracing.inScope(serverSpan)) {
            return service.infer(inference);
        }
    }

    /** Writes the answer: timed ({@link EncodingMetrics}) and, when sampled, in a {@code verso.encode} span. */
    public <T> T encode(Prediction prediction, Supplier<T> writer) {
        Span span = tracing.start("verso.encode", serverSpan);
        try {
            return encoding.time(api, prediction, writer);
        } finally {
            span.end();
        }
    }

    /** Reports a failure that happened before {@link #handOver()}; the data plane reports later ones. */
    public void failed(Throwable failure) {
        if (!handedOver) {
            handedOver = true;
            service.rejected(model, new CallContext(requestId, api, method, versoHeaders, requestBytes,
                    receivedNanos), errorCode(failure));
        }
    }

    public String requestId() {
        return requestId;
    }

    private void useId(String id) {
        requestId = id;
        // Set on the exchange, not on the ServerResponse: it then reaches error answers built elsewhere too.
        request.exchange().getResponse().getHeaders().set(REQUEST_ID_HEADER, id);
    }

    /** The code matching the status {@link HttpErrors} answers for a failure before the data plane. */
    private static ErrorCode errorCode(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InferenceException e) {
            return e.code();
        }
        return cause instanceof JacksonException || cause instanceof DataBufferLimitException
                ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
    }

    private static Map<String, String> versoHeaders(ServerRequest request) {
        Map<String, String> headers = new TreeMap<>();
        request.headers().asHttpHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(VERSO_HEADER_PREFIX) && !values.isEmpty()) {
                headers.put(lower, values.get(0));
            }
        });
        return headers;
    }
}
