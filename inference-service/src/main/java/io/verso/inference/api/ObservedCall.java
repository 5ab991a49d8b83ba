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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.core.JacksonException;

/**
 * One inference call as a handler (REST or gRPC) sees it, from its arrival to the moment it is handed to the data plane: picks
 * the request id (and echoes it as {@value #REQUEST_ID_HEADER} on whatever answer follows, error or not),
 * collects the x-verso-* headers, and reports calls that fail before reaching the data plane, which reports
 * the rest. It hands the call to the data plane with the exchange's server span in scope, so the data plane's
 * spans continue the caller's trace, and encodes the answer in a {@code verso.encode} span.
 */
public final class ObservedCall {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String VERSO_HEADER_PREFIX = "x-verso-";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final InferenceService service;
    private final InferenceTracing tracing;
    private final EncodingMetrics encoding;
    private final Span serverSpan;
    private final String api;
    private final String method;
    private final String model;
    private final boolean clientChoseId;
    private final Map<String, String> versoHeaders;
    private final Consumer<String> echoId;
    private String requestId;
    private long requestBytes;
    private long receivedNanos = System.nanoTime();
    private boolean handedOver;

    /** A REST call: the id comes from, and goes back in, the {@value #REQUEST_ID_HEADER} header. */
    public ObservedCall(ServerRequest request, InferenceService service, InferenceTracing tracing,
                        EncodingMetrics encoding, String api, String method, String model) {
        // Set on the exchange, not on the ServerResponse: it then reaches error answers built elsewhere too.
        this(service, tracing, encoding, api, method, model, new Arrival(
                request.headers().firstHeader(REQUEST_ID_HEADER),
                versoHeaders(request.headers().asHttpHeaders()::forEach),
                id -> request.exchange().getResponse().getHeaders().set(REQUEST_ID_HEADER, id),
                InferenceTracing.serverSpan(request.exchange().getAttributes())));
    }

    /** A call on any transport; {@code arrival} says what the transport carried. */
    public ObservedCall(InferenceService service, InferenceTracing tracing, EncodingMetrics encoding, String api,
                        String method, String model, Arrival arrival) {
        this.service = service;
        this.tracing = tracing;
        this.encoding = encoding;
        this.serverSpan = arrival.serverSpan();
        this.api = api;
        this.method = method;
        this.model = model;
        this.clientChoseId = isValidId(arrival.clientId());
        this.versoHeaders = Map.copyOf(arrival.versoHeaders());
        this.echoId = arrival.echoId();
        useId(clientChoseId ? arrival.clientId() : UUID.randomUUID().toString());
    }

    /**
     * What a transport carried with a call.
     *
     * @param clientId     the id the client sent, if any; used when valid
     * @param versoHeaders the call's x-verso-* headers or metadata, names lower-cased
     * @param echoId       sends the chosen id back to the client
     * @param serverSpan   the transport's server span, the parent of the data plane's spans; {@link Span#NOOP} when
     *                     the call is not traced
     */
    public record Arrival(String clientId, Map<String, String> versoHeaders, Consumer<String> echoId,
                          Span serverSpan) {
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
        echoId.accept(id);
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

    /** The x-verso-* entries of a set of headers (or gRPC metadata), names lower-cased, first value each. */
    public static Map<String, String> versoHeaders(Consumer<BiConsumer<String, List<String>>> all) {
        Map<String, String> headers = new TreeMap<>();
        all.accept((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(VERSO_HEADER_PREFIX) && !values.isEmpty()) {
                headers.put(lower, values.get(0));
            }
        });
        return headers;
    }
}
