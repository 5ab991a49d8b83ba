package io.verso.inference.api.v2;

import io.verso.inference.api.EncodingMetrics;
import io.verso.inference.api.HttpErrors;
import io.verso.inference.api.ObservedCall;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.dataplane.InferenceRequest;
import io.verso.inference.dataplane.InferenceService;
import io.verso.inference.dataplane.InferenceService.VersionMetadata;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.SignatureSpec;
import io.verso.inference.model.VersionSelector;
import io.verso.inference.model.VersionState;
import io.verso.inference.model.VersionStatus;
import io.verso.inference.model.json.Json;
import io.verso.inference.tracing.InferenceTracing;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The V2 endpoints. Everything that can fail answers through {@link HttpErrors}, so every failure is a status
 * code with {@code {"error": "..."}}. A path version that is all digits pins that version; any other value is
 * taken as a version label (as TensorFlow Serving's {@code /labels/}), so the gateway's label pins work here too.
 */
final class V2Handler {

    static final String API = "v2";

    private final InferenceService service;
    private final RequestBodies bodies;
    private final String serverVersion;
    private final EncodingMetrics encoding;
    private final InferenceTracing tracing;

    V2Handler(InferenceService service, RequestBodies bodies, String serverVersion, EncodingMetrics encoding,
              InferenceTracing tracing) {
        this.service = service;
        this.bodies = bodies;
        this.serverVersion = serverVersion;
        this.encoding = encoding;
        this.tracing = tracing;
    }

    Mono<ServerResponse> serverMetadata(ServerRequest request) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", V2Metadata.SERVER_NAME);
        document.put("version", serverVersion);
        document.put("extensions", V2Metadata.EXTENSIONS);
        return json(HttpStatus.OK, document);
    }

    Mono<ServerResponse> live(ServerRequest request) {
        return json(HttpStatus.OK, Map.of("live", true));
    }

    /** 503 until every configured model has finished loading, so load balancers hold traffic back. */
    Mono<ServerResponse> ready(ServerRequest request) {
        boolean ready = service.isServerReady();
        return json(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, Map.of("ready", ready));
    }

    Mono<ServerResponse> modelMetadata(ServerRequest request) {
        return Mono.defer(() -> {
            String model = request.pathVariable("model");
            VersionSelector selector = selector(request);
            VersionMetadata metadata = service.metadata(model, selector);
            SignatureSpec signature = metadata.metadata()
                    .signature(request.queryParam(V2Metadata.SIGNATURE_PARAM).orElse(null));
            List<VersionStatus> statuses = service.status(model, VersionSelector.DEFAULT);
            return json(HttpStatus.OK, V2Metadata.document(metadata, statuses, signature));
        }).onErrorResume(HttpErrors::toResponse);
    }

    /** 200 when the selected version serves; 400 naming the versions' states when it does not (as Triton). */
    Mono<ServerResponse> modelReady(ServerRequest request) {
        return Mono.defer(() -> {
            String model = request.pathVariable("model");
            VersionSelector selector = selector(request);
            // Unknown models and versions fail here with NOT_FOUND, before readiness is asked.
            List<VersionStatus> statuses = service.status(model, selector);
            if (!service.isReady(model, selector)) {
                String states = statuses.stream()
                        .map(s -> "version " + s.version() + " is " + s.state()
                                + (s.state() == VersionState.ERROR ? " (" + s.error() + ")" : ""))
                        .collect(Collectors.joining(", "));
                throw InferenceException.invalid("model '" + model + "' is not ready: "
                        + (states.isEmpty() ? "it has no versions" : states));
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("name", model);
            document.put("ready", true);
            return json(HttpStatus.OK, document);
        }).onErrorResume(HttpErrors::toResponse);
    }

    Mono<ServerResponse> infer(ServerRequest request) {
        String headerLength = request.headers().firstHeader(V2RequestReader.HEADER_LENGTH);
        String model = request.pathVariable("model");
        ObservedCall call = new ObservedCall(request, service, tracing, encoding, API, "infer", model);
        return bodies.read(request)
                .map(body -> {
                    call.bodyRead(body.length);
                    return V2RequestReader.read(body, headerLength);
                })
                .flatMap(inferRequest -> {
                    call.bodyId(inferRequest.id());
                    Set<String> outputKeys = inferRequest.outputs().stream().map(V2RequestedOutput::name)
                            .collect(Collectors.toCollection(LinkedHashSet::new));
                    InferenceRequest inference = new InferenceRequest(model, selector(request),
                            inferRequest.signatureName(), new V2InputDecoder(inferRequest.inputs()), outputKeys,
                            call.handOver());
                    // Encoding hops to the parallel scheduler: a batched prediction completes on its batch thread,
                    // which must go back to running batches rather than encode every answer of the batch.
                    return Mono.fromFuture(call.infer(inference)).publishOn(Schedulers.parallel())
                            .map(prediction -> call.encode(prediction,
                                    () -> V2ResponseWriter.write(prediction, inferRequest)));
                })
                .doOnError(call::failed)
                .flatMap(V2Handler::send)
                .onErrorResume(HttpErrors::toResponse);
    }

    private static Mono<ServerResponse> send(V2Response response) {
        if (!response.hasBinaryOutputs()) {
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(response.body());
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(V2RequestReader.HEADER_LENGTH, Integer.toString(response.jsonLength()))
                .bodyValue(response.body());
    }

    private static VersionSelector selector(ServerRequest request) {
        return V2Metadata.selector(request.pathVariables().get("version"));
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object document) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.MAPPER.writeValueAsBytes(document));
    }
}
