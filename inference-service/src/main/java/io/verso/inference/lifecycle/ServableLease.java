package io.verso.inference.lifecycle;

import io.verso.inference.model.Servable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A counted reference to one serving version, held for the length of a request. While any lease is open the
 * version's servable stays loaded even if it has been unloaded from routing; closing the last one frees it.
 */
public final class ServableLease implements AutoCloseable {

    private final String model;
    private final long version;
    private final ServableHandle handle;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServableLease(String model, long version, ServableHandle handle) {
        this.model = model;
        this.version = version;
        this.handle = handle;
    }

    public String model() {
        return model;
    }

    public long version() {
        return version;
    }

    public Servable servable() {
        return handle.servable();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            handle.release();
        }
    }
}
