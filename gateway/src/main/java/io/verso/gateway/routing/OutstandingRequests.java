package io.verso.gateway.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Requests in flight per pod, for least-outstanding picking. */
public final class OutstandingRequests {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public void started(String pod) {
        inFlight.computeIfAbsent(pod, p -> new AtomicInteger()).incrementAndGet();
    }

    public void finished(String pod) {
        inFlight.computeIfAbsent(pod, p -> new AtomicInteger()).decrementAndGet();
    }

    public int count(String pod) {
        AtomicInteger count = inFlight.get(pod);
        return count == null ? 0 : count.get();
    }
}
