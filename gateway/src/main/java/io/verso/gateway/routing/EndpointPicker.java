package io.verso.gateway.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses the pod for one attempt. Pods the availability check rejects (health failed, breaker open) are skipped
 * while another untried pod is available; when none is, an untried unavailable pod is still returned, so that the
 * caller gets a fast, explicit refusal (or a pod whose health check lags behind its recovery gets its chance).
 */
public abstract class EndpointPicker {

    private final Predicate<String> available;

    protected EndpointPicker(Predicate<String> available) {
        this.available = available;
    }

    /** A pod from {@code endpoints} not in {@code tried}; empty when every pod was tried. */
    public Optional<String> pick(List<String> endpoints, Set<String> tried) {
        List<String> untried = new ArrayList<>(endpoints.size());
        List<String> availableUntried = new ArrayList<>(endpoints.size());
        for (String endpoint : endpoints) {
            if (!tried.contains(endpoint)) {
                untried.add(endpoint);
                if (available.test(endpoint)) {
                    availableUntried.add(endpoint);
                }
            }
        }
        if (untried.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(choose(availableUntried.isEmpty() ? untried : availableUntried));
    }

    /** One of {@code candidates}, which is never empty. */
    protected abstract String choose(List<String> candidates);
}
