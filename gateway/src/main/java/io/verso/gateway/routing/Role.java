package io.verso.gateway.routing;

import java.util.Locale;

/** Why a request went to the version it went to; the {@code role} tag of the request metrics. */
public enum Role {
    STABLE, CANARY, SHADOW, PINNED;

    /** Lower case, as metrics tags and dashboards spell it. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
