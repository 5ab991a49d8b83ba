package io.verso.gateway.routing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Pods whose last health check failed; they get no traffic until a check passes again. */
public final class PodHealth {

    private final Set<String> down = ConcurrentHashMap.newKeySet();

    /** Returns whether this changed the pod's state. */
    public boolean markDown(String pod) {
        return down.add(pod);
    }

    /** Returns whether this changed the pod's state. */
    public boolean markUp(String pod) {
        return down.remove(pod);
    }

    public boolean isUp(String pod) {
        return !down.contains(pod);
    }
}
