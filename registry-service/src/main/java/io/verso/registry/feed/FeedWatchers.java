package io.verso.registry.feed;

import jakarta.annotation.PreDestroy;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The long-polls waiting for a feed to change. After a commit that may change a feed, each feed with waiters is
 * rebuilt once, on one background thread, and every waiter whose revision differs gets the new content; waiters
 * whose feed did not change keep waiting. Bursts of commits coalesce into one rebuild.
 *
 * <p>{@link FeedNotifications} calls {@link #changed()} after this replica's own commits and when PostgreSQL
 * reports another replica's.
 */
@Component
class FeedWatchers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedWatchers.class);

    /**
     * A waiting client: the revision it has, how to answer once its feed says something else, and what it gets
     * when the wait ends without a change (the caller's protocol decides what that answer is).
     */
    record Watch<T>(String seenRevision, Supplier<T> feed, Function<T, String> revisionOf,
                    DeferredResult<Object> result, Function<T, Object> answer, Supplier<Object> unchanged) {

        /** @return whether the watch is answered (changed, or already done) */
        boolean check(T current) {
            if (result.isSetOrExpired()) {
                return true;
            }
            if (!revisionOf.apply(current).equals(seenRevision)) {
                result.setResult(answer.apply(current));
                return true;
            }
            return false;
        }
    }

    private final Set<Watch<?>> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "feed-watchers");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Registers before reading the feed, so a commit between the two cannot be missed: it either shows in the
     * first read or triggers a check of this watch.
     */
    <T> void watch(Watch<T> watch) {
        if (!running) {
            watch.result().setResult(watch.unchanged().get());
            return;
        }
        watches.add(watch);
        watch.result().onCompletion(() -> watches.remove(watch));
        if (watch.check(watch.feed().get())) {
            watches.remove(watch);
        }
    }

    int waiting() {
        return watches.size();
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Answers every waiting long-poll "not modified" now, and any new one at once: the web server's graceful
     * shutdown, which comes after this (a lower phase), would otherwise wait for each to reach the end of its wait.
     * Clients poll again, and reach another replica or this one once it is back.
     */
    @Override
    public void stop() {
        running = false;
        for (Watch<?> watch : watches) {
            watch.result().setResult(watch.unchanged().get());
        }
        watches.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Something the feeds derive from committed; re-check every waiter soon, off the calling thread. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(this::recheck);
        }
    }

    private void recheck() {
        pending.set(false);
        // One rebuild per feed, shared by all its waiters (identified by the supplier they read).
        Map<Supplier<?>, Object> built = new IdentityHashMap<>();
        for (Watch<?> watch : watches) {
            try {
                if (recheck(watch, built)) {
                    watches.remove(watch);
                }
            } catch (RuntimeException e) {
                log.warn("Could not rebuild a feed for a waiting client; it will get the state when its wait ends", e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> boolean recheck(Watch<T> watch, Map<Supplier<?>, Object> built) {
        T current = (T) built.computeIfAbsent(watch.feed(), feed -> feed.get());
        return watch.check(current);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
