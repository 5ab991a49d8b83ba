package io.verso.inference.api.monitoring;

import io.verso.inference.api.HttpErrors;
import io.verso.inference.api.RequestBodies;
import io.verso.inference.model.InferenceException;
import io.verso.inference.model.json.Json;
import io.verso.inference.monitoring.Task;
import io.verso.inference.monitoring.feedback.FeedbackService;
import io.verso.inference.monitoring.feedback.Label;
import io.verso.inference.monitoring.feedback.Quality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/feedback} and {@code GET /monitoring/models/{model}/versions/{version}/quality}.
 * <p>
 * A feedback body is one item or {@code {"items": [item, ...]}}; an item is {@code {"request_id": "...",
 * "label": <number|string>}} for a one-row prediction, or {@code {"request_id": "...", "labels": [...]}} with one
 * label per row of the prediction, in order. The label is compared with the model's scored output (the configured
 * {@code label-output}; a model with several outputs is scored on that one). One item answers 200 when scored,
 * 404 when its prediction is not known (any more), 400 when it does not fit; a batch answers 200 with a status per
 * item ({@code matched}, {@code not_found}, {@code invalid}). A body that is not feedback is 400. A matched item
 * names the prediction's model, version and, when tracing is on, its {@code trace_id}.
 */
public final class FeedbackHandler {

    private final FeedbackService feedback;
    private final RequestBodies bodies;

    public FeedbackHandler(FeedbackService feedback, RequestBodies bodies) {
        this.feedback = feedback;
        this.bodies = bodies;
    }

    public Mono<ServerResponse> submit(ServerRequest request) {
        return bodies.read(request).publishOn(Schedulers.parallel()).flatMap(bytes -> {
            if (bytes.length == 0) {
                throw InferenceException.invalid("feedback body is empty: expected {\"request_id\": ..., \"label\": ...}"
                        + " or {\"items\": [...]}");
            }
            JsonNode body = Json.MAPPER.readTree(bytes);
            if (body.has("items")) {
                return batch(body.get("items"));
            }
            FeedbackService.Result result = submit(item(body, "feedback"));
            return switch (result.status()) {
                case MATCHED -> json(HttpStatus.OK, document(result, itemId(body)));
                case NOT_FOUND -> HttpErrors.error(HttpStatus.NOT_FOUND.value(), result.error());
                case INVALID -> HttpErrors.error(HttpStatus.BAD_REQUEST.value(), result.error());
            };
        }).onErrorResume(HttpErrors::toResponse);
    }

    public Mono<ServerResponse> quality(ServerRequest request) {
        return Mono.defer(() -> {
            String model = request.pathVariable("model");
            long version = version(request.pathVariable("version"));
            Map<String, Object> slices = new LinkedHashMap<>();
            feedback.quality(model, version).forEach((slice, quality) -> slices.put(slice, document(quality)));
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("model", model);
            document.put("version", version);
            document.put("window", Map.of("rows", feedback.windowSize()));
            document.put("overall", feedback.versionQuality(model, version).map(FeedbackHandler::document)
                    .orElse(null));
            document.put("slices", slices);
            return json(HttpStatus.OK, document);
        }).onErrorResume(HttpErrors::toResponse);
    }

    private static Map<String, Object> document(Quality quality) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("task", quality.task().name().toLowerCase(Locale.ROOT));
        entry.put("count", quality.count());
        entry.put(quality.task() == Task.REGRESSION ? "mae" : "accuracy",
                Double.isNaN(quality.value()) ? null : quality.value());
        return entry;
    }

    private Mono<ServerResponse> batch(JsonNode items) {
        if (!items.isArray() || items.isEmpty()) {
            throw InferenceException.invalid("\"items\" must be a non-empty array of feedback items");
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode node = items.get(i);
            FeedbackService.Result result;
            try {
                result = submit(item(node, "items[" + i + "]"));
            } catch (InferenceException e) {
                result = FeedbackService.Result.invalid(e.getMessage());
            }
            results.add(document(result, itemId(node)));
        }
        return json(HttpStatus.OK, Map.of("items", results));
    }

    private FeedbackService.Result submit(Item item) {
        return feedback.submit(item.requestId(), item.labels());
    }

    private record Item(String requestId, List<Label> labels) {
    }

    private static Item item(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw InferenceException.invalid(where + " must be an object with \"request_id\" and \"label\"");
        }
        JsonNode id = node.get("request_id");
        if (id == null || !id.isString() || id.stringValue().isEmpty()) {
            throw InferenceException.invalid(where + ": \"request_id\" must be a non-empty string");
        }
        boolean one = node.has("label");
        boolean many = node.has("labels");
        if (one == many) {
            throw InferenceException.invalid(where + ": give exactly one of \"label\" (one row) or \"labels\""
                    + " (one per row)");
        }
        List<Label> labels = new ArrayList<>();
        if (one) {
            labels.add(label(node.get("label"), where + ".label"));
        } else {
            JsonNode array = node.get("labels");
            if (!array.isArray() || array.isEmpty()) {
                throw InferenceException.invalid(where + ": \"labels\" must be a non-empty array");
            }
            for (int i = 0; i < array.size(); i++) {
                labels.add(label(array.get(i), where + ".labels[" + i + "]"));
            }
        }
        return new Item(id.stringValue(), labels);
    }

    private static Label label(JsonNode node, String where) {
        if (node.isNumber()) {
            return Label.of(node.doubleValue());
        }
        if (node.isString()) {
            return Label.of(node.stringValue());
        }
        throw InferenceException.invalid(where + " must be a number or a string, not " + node.getNodeType());
    }

    private static String itemId(JsonNode node) {
        JsonNode id = node == null ? null : node.get("request_id");
        return id != null && id.isString() ? id.stringValue() : null;
    }

    private static Map<String, Object> document(FeedbackService.Result result, String requestId) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("request_id", requestId);
        document.put("status", result.status().name().toLowerCase(Locale.ROOT));
        if (result.status() == FeedbackService.Result.Status.MATCHED) {
            document.put("model", result.model());
            document.put("version", result.version());
            if (result.traceId() != null) {
                document.put("trace_id", result.traceId());
            }
        } else {
            document.put("error", result.error());
        }
        return document;
    }

    private static long version(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw InferenceException.invalid("version must be a number, not '" + text + "'");
        }
    }

    private static Mono<ServerResponse> json(HttpStatus status, Object document) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.MAPPER.writeValueAsBytes(document));
    }
}
