package io.verso.gateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the pods' answers to one broadcast feedback body into the client's answer. Each pod scores only the
 * predictions it served and answers "not found" for the rest, so for each item the best answer wins:
 * matched, then invalid (the pod that served the prediction found the label unfit), then not found. A body the
 * pods refuse as a whole (400 for a batch) is refused to the client the same way.
 */
final class FeedbackAnswers {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Integer> RANK = Map.of("matched", 3, "invalid", 2, "not_found", 1);

    /** One pod's answer: its status and JSON body. */
    record PodAnswer(int status, JsonNode body) {
    }

    /** The client's answer. */
    record Merged(int status, JsonNode body) {
    }

    private FeedbackAnswers() {
    }

    /**
     * @param answers the pods that answered
     * @param unanswered how many pods did not (down, timed out): their predictions cannot be scored now
     */
    static Merged merge(List<PodAnswer> answers, int unanswered) {
        if (answers.isEmpty()) {
            return error(503, "no inference pod answered the feedback (" + unanswered + " tried)");
        }
        List<PodAnswer> batches = answers.stream()
                .filter(a -> a.status() == 200 && a.body().path("items").isArray()).toList();
        if (!batches.isEmpty()) {
            return new Merged(200, mergeBatches(batches));
        }
        for (int status : new int[] {200, 400}) {
            for (PodAnswer answer : answers) {
                if (answer.status() == status) {
                    return new Merged(status, answer.body());
                }
            }
        }
        PodAnswer first = answers.get(0);
        if (first.status() == 404 && unanswered > 0) {
            String message = first.body().path("error").asString("") + " (" + unanswered + " of "
                    + (answers.size() + unanswered) + " pods did not answer)";
            return error(404, message);
        }
        return new Merged(first.status(), first.body());
    }

    private static JsonNode mergeBatches(List<PodAnswer> batches) {
        List<JsonNode> best = new ArrayList<>();
        for (PodAnswer answer : batches) {
            JsonNode items = answer.body().get("items");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (i == best.size()) {
                    best.add(item);
                } else if (rank(item) > rank(best.get(i))) {
                    best.set(i, item);
                }
            }
        }
        ObjectNode merged = JSON.createObjectNode();
        ArrayNode items = merged.putArray("items");
        best.forEach(items::add);
        return merged;
    }

    private static int rank(JsonNode item) {
        return RANK.getOrDefault(item.path("status").asString(""), 0);
    }

    private static Merged error(int status, String message) {
        return new Merged(status, JSON.createObjectNode().put("error", message));
    }
}
