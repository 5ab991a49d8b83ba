package io.verso.gateway.testsupport;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server on loopback that a test can kill (connections refused, as with a dead process) and revive on
 * the same port (a restarted process behind the same address). Subclasses answer the requests.
 */
public abstract class RestartableServer implements AutoCloseable {

    private volatile DisposableServer server;
    private int port;

    /** Binds to a free port; call once the subclass is ready to answer. */
    protected final void listen() {
        bind(0);
    }

    protected abstract Mono<Void> handle(HttpServerRequest request, HttpServerResponse response);

    public final String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: connections are refused. */
    public final void kill() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    /** Listens again on the same port. */
    public final void revive() {
        bind(port);
    }

    @Override
    public void close() {
        if (!server.isDisposed()) {
            server.disposeNow(Duration.ofSeconds(5));
        }
    }

    private void bind(int wanted) {
        server = HttpServer.create().host("127.0.0.1").port(wanted).handle(this::handle).bindNow();
        port = server.port();
    }
}
