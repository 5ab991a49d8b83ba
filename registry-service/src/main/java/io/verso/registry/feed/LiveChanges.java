package io.verso.registry.feed;

import io.verso.contracts.RoutingTable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * What the web console takes from the feeds: the routing table (which pods serve which version) and a wait for
 * the next change, woken exactly as the pods' and gateways' long-polls are (this replica's commits at once, other
 * replicas' through PostgreSQL's NOTIFY).
 */
@Component
public class LiveChanges {

    private final FeedService feeds;
    private final FeedWatchers watchers;

    LiveChanges(FeedService feeds, FeedWatchers watchers) {
        this.feeds = feeds;
        this.watchers = watchers;
    }

    public RoutingTable routingTable() {
        return feeds.routingTable();
    }

    /**
     * Answers {@code result} with {@code answer} of the state once {@code revisionOf} it differs from {@code seen}
     * (at once if it already does); until then it waits, and the result's own timeout ends the wait. A registry
     * shutting down answers {@code unchanged} at once.
     */
    public <T> void awaitChange(String seen, Supplier<T> state, Function<T, String> revisionOf,
                                DeferredResult<Object> result, Function<T, Object> answer, Supplier<Object> unchanged) {
        watchers.watch(new FeedWatchers.Watch<>(seen, state, revisionOf, result, answer, unchanged));
    }
}
