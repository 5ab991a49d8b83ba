package io.verso.inference.api.tfserving;

import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.HttpErrors;
import io.verso.inference.api.ObservedCall;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.dataplane.InferenceRequest;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.json.Json;
import io.verso.inference.tracing.InferenceTracing;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Serves every {@code /v1/models/...} request: parses the path, reads and parses the body (off the event loop when
 * it is large), calls the data plane and writes TensorFlow Serving's JSON off the event loop and off batch threads
 * (a batched prediction completes on the thread that ran its batch, which should go back to running batches).
 * Every failure becomes {@code {"error": ...}}.
 */
final class TfServingHandler {

    static final String API = "tfserving";
    /**
     * Bodies up to this size are parsed on the event loop: about 200 numbers, tens of microseconds of Jackson,
     * no more than a hop to another thread costs (V2's JSON is parsed on the event loop too).
     */
    static final int INLINE_PARSE_BYTES = 4 * 1024;

    private final InferenceService service;
    private final RequestBodies bodies;
    private final EncodingMetrics encoding;
    private final InferenceTracing tracing;

    TfServingHandler(InferenceService service, RequestBodies bodies, EncodingMetrics encoding,
                     InferenceTracing tracing) {
        this.service = service;
        this.bodies = bodies;
        this.encoding = encoding;
        this.tracing = tracing;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        return Mono.defer(() -> {
            TfServingPath path = TfServingPath.parse(request.method().name(), request.path());
            return switch (path.action()) {
                case STATUS -> json(ModelStatusJson.status(service.status(path.model(), path.selector())));
                case METADATA -> json(ModelStatusJson.metadata(service.metadata(path.model(), path.selector())));
                case PREDICT -> predict(request, path);
                case CLASSIFY -> examples(request, path, SignatureSpec.CLASSIFY_METHOD);
                case REGRESS -> examples(request, path, SignatureSpec.REGRESS_METHOD);
            };
        }).onErrorResume(HttpErrors::toResponse);
    }

    private Mono<ServerResponse> predict(ServerRequest request, TfServingPath path) {
        ObservedCall call = new ObservedCall(request, service, tracing, encoding, API, "predict", path.model());
        return body(request, call).map(PredictRequestJson::parse).flatMap(body ->
                Mono.fromFuture(call.infer(new InferenceRequest(path.model(), path.selector(), body.signatureName(),
                                body, Set.of(), call.handOver())))
                        .publishOn(Schedulers.parallel())
                        .map(prediction -> call.encode(prediction,
                                () -> PredictResponseJson.write(prediction, body.rowFormat()))))
                .doOnError(call::failed)
                .flatMap(TfServingHandler::jsonBytes);
    }

    private Mono<ServerResponse> examples(ServerRequest request, TfServingPath path, String method) {
        ObservedCall call = new ObservedCall(request, service, tracing, encoding, API,
                path.action().name().toLowerCase(Locale.ROOT), path.model());
        Function<JsonNode, ExampleRequestJson> parse = node -> ExampleRequestJson.parse(node, method);
        return body(request, call).map(parse).flatMap(body ->
                Mono.fromFuture(call.infer(new InferenceRequest(path.model(), path.selector(), body.signatureName(),
                                body, Set.of(), call.handOver())))
                        .publishOn(Schedulers.parallel())
                        .map(prediction -> call.encode(prediction, () ->
                                method.equals(SignatureSpec.CLASSIFY_METHOD)
                                        ? ExampleResponseJson.classification(prediction, body.examples().size())
                                        : ExampleResponseJson.regression(prediction, body.examples().size()))))
                .doOnError(call::failed)
                .flatMap(TfServingHandler::jsonBytes);
    }

    /**
     * Parsing a large body takes milliseconds of CPU, which must not stall the event loop, so it moves to the
     * parallel scheduler; a body of a few rows parses in less time than that hop costs, and stays.
     */
    private Mono<JsonNode> body(ServerRequest request, ObservedCall call) {
        return bodies.read(request)
                .flatMap(bytes -> bytes.length <= INLINE_PARSE_BYTES ? Mono.just(bytes)
                        : Mono.just(bytes).publishOn(Schedulers.parallel()))
                .doOnNext(bytes -> call.bodyRead(bytes.length))
                .map(bytes -> bytes.length == 0 ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(bytes));
    }

    private static Mono<ServerResponse> json(Object body) {
        return jsonBytes(Json.MAPPER.writeValueAsBytes(body));
    }

    private static Mono<ServerResponse> jsonBytes(byte[] body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
