package io.verso.inference.api;

import io.verso.inference.dataplane.CallContext;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.model.ErrorCode;
import io.verso.inference.model.InferenceException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.server.ServerRequest;
import tools.jackson.core.JacksonException;

/**
 * One inference call as a handler (REST or gRPC) sees it, from its arrival to the moment it is handed to the data plane: picks
 * the request id (and echoes it as {@value #REQUEST_ID_HEADER} on whatever answer follows, error or not),
 * collects the x-verso-* headers, and reports calls that fail before reaching the data plane, which reports
 * the rest.
 */
public final class ObservedCall {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String VERSO_HEADER_PREFIX = "x-verso-";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final InferenceService service;
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
    public ObservedCall(ServerRequest request, InferenceService service, String api, String method, String model) {
        // Set on the exchange, not on the ServerResponse: it then reaches error answers built elsewhere too.
        this(service, api, method, model, request.headers().firstHeader(REQUEST_ID_HEADER),
                versoHeaders(request.headers().asHttpHeaders()::forEach),
                id -> request.exchange().getResponse().getHeaders().set(REQUEST_ID_HEADER, id));
    }

    /**
     * A call on any transport.
     *
     * @param clientId the id the client sent, if any; used when valid
     * @param versoHeaders the call's x-verso-* headers or metadata, names lower-cased
     * @param echoId sends the chosen id back to the client
     */
    public ObservedCall(InferenceService service, String api, String method, String model, String clientId,
                        Map<String, String> versoHeaders, Consumer<String> echoId) {
        this.service = service;
        this.api = api;
        this.method = method;
        this.model = model;
        this.clientChoseId = isValidId(clientId);
        this.versoHeaders = Map.copyOf(versoHeaders);
        this.echoId = echoId;
        useId(clientChoseId ? clientId : UUID.randomUUID().toString());
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
