package io.verso.inference.model;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** What {@link CompletableFuture} lacks for request chains. */
public final class Futures {

    private Futures() {
    }

    /**
     * Makes cancelling {@code dependent} cancel {@code sources} too: cancelling a future derived with
     * {@code thenApply} and the like leaves the futures it came from running, so a caller who goes away (a client
     * disconnect) would otherwise still hold a place in a batch.
     *
     * @return {@code dependent}
     */
    public static <T> CompletableFuture<T> cancelling(CompletableFuture<T> dependent,
                                                      Collection<? extends CompletableFuture<?>> sources) {
        dependent.whenComplete((result, failure) -> {
            if (dependent.isCancelled()) {
                sources.forEach(source -> source.cancel(false));
            }
        });
        return dependent;
    }
}
