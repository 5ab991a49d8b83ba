package io.verso.inference.lifecycle;

import io.verso.inference.model.Servable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reference counting around a loaded servable. The manager holds one reference while the version serves; each
 * request holds one more. The servable is closed, freeing its native memory, when the count reaches zero, so an
 * unload never pulls a model from under a running request, and a released handle can never be acquired again.
 */
final class ServableHandle {

    private final Servable servable;
    private final Runnable onClosed;
    private final AtomicInteger references = new AtomicInteger(1);

    ServableHandle(Servable servable, Runnable onClosed) {
        this.servable = servable;
        this.onClosed = onClosed;
    }

    Servable servable() {
        return servable;
    }

    /** Takes a reference unless the handle is already closed (or closing). */
    boolean tryAcquire() {
        while (true) {
            int current = references.get();
            if (current == 0) {
                return false;
            }
            if (references.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            try {
                servable.close();
            } finally {
                onClosed.run();
            }
        }
    }
}
