package io.verso.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Takes the candidates in turn; one counter for all lists, which spreads evenly enough and needs no map. */
public final class RoundRobinPicker extends EndpointPicker {

    private final AtomicInteger next = new AtomicInteger();

    public RoundRobinPicker(Predicate<String> available) {
        super(available);
    }

    @Override
    protected String choose(List<String> candidates) {
        return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
}
