package io.verso.cli.audit;

import io.verso.cli.deployments.DeploymentText;
import io.verso.cli.registry.RegistryClient;
import io.verso.cli.registry.RegistryResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Follows one model's deployment: each {@link #poll()} answers what changed since the last one, the new deployment
 * and the audit events that led to it, oldest first.
 */
final class DeploymentFollower {

    /** The history's largest page; more events than this between two polls are read page by page. */
    private static final int PAGE = 200;

    record Change(JsonNode deployment, List<JsonNode> events) {
    }

    private final RegistryClient registry;
    private final String model;
    private String etag;
    private long revision = -1;

    DeploymentFollower(RegistryClient registry, String model) {
        this.registry = registry;
        this.model = model;
    }

    /** The deployment now; later polls report the events after it. */
    JsonNode start() {
        RegistryResponse current = registry.get(DeploymentText.path(model));
        etag = current.etag();
        revision = current.json().get("revision").asLong();
        return current.json();
    }

    Optional<Change> poll() {
        Optional<RegistryResponse> answer = registry.getIfChanged(DeploymentText.path(model), etag);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode deployment = answer.get().json();
        long now = deployment.get("revision").asLong();
        etag = answer.get().etag();
        if (now == revision) {
            return Optional.empty();
        }
        // Transitions may commit between the two reads: events past the deployment read now wait for the next poll,
        // so that the deployment shown after them is never older than the last event shown.
        List<JsonNode> events = eventsBetween(revision, now);
        revision = now;
        return Optional.of(new Change(deployment, events));
    }

    /**
     * The newest {@code count} events (at most 200), oldest first; once started, only those up to the revision
     * {@link #start()} saw, so that the next poll neither repeats nor misses one.
     */
    List<JsonNode> latest(int count) {
        List<JsonNode> newestFirst = new ArrayList<>();
        for (JsonNode event : registry.get(historyPath(0, count)).json().get("items")) {
            if (revision < 0 || event.get("revision").asLong() <= revision) {
                newestFirst.add(event);
            }
        }
        return reversed(newestFirst);
    }

    /** Events with a revision above {@code after} and at most {@code upTo}, oldest first (pages are newest first). */
    private List<JsonNode> eventsBetween(long after, long upTo) {
        List<JsonNode> newestFirst = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode listing = registry.get(historyPath(page, PAGE)).json();
            for (JsonNode event : listing.get("items")) {
                long revisionOfEvent = event.get("revision").asLong();
                if (revisionOfEvent <= after) {
                    return reversed(newestFirst);
                }
                if (revisionOfEvent <= upTo) {
                    newestFirst.add(event);
                }
            }
            if (page + 1 >= listing.get("totalPages").asInt()) {
                return reversed(newestFirst);
            }
        }
    }

    private String historyPath(int page, int size) {
        return DeploymentText.path(model) + "/history?page=" + page + "&size=" + size;
    }

    private static List<JsonNode> reversed(List<JsonNode> events) {
        List<JsonNode> copy = new ArrayList<>(events);
        Collections.reverse(copy);
        return copy;
    }

    /**
     * Waits between polls; false when the thread is interrupted (the command then ends normally). A person's Ctrl-C
     * ends the process here.
     */
    static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
