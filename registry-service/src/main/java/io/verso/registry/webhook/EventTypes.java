package io.verso.registry.webhook;

import java.util.List;
import java.util.Locale;

/**
 * Event type names and subscription filters. Deployment events are named after the audit action
 * ({@code PROMOTE} → {@code deployment.promote}), so actions added later (rollout steps) need no change here.
 */
final class EventTypes {

    static final String VERSION_REGISTERED = "version.registered";
    /** What a filter entry may be: an exact type, a prefix ending in {@code *}, or {@code *}. */
    static final String FILTER = "^(\\*|version\\.(\\*|registered)|deployment\\.(\\*|[a-z][a-z0-9_]*))$";

    private EventTypes() {
    }

    static String ofAuditAction(String action) {
        return "deployment." + action.toLowerCase(Locale.ROOT);
    }

    /** An empty filter subscribes to everything. */
    static boolean matches(List<String> filter, String type) {
        return filter.isEmpty() || filter.stream().anyMatch(f -> f.endsWith("*")
                ? type.startsWith(f.substring(0, f.length() - 1))
                : type.equals(f));
    }
}
