package io.verso.bench.ceiling;

import java.nio.file.Files;
import java.nio.file.Path;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The bare transport ceiling: a Reactor Netty HTTP server, the library under Spring WebFlux and the inference
 * service, that reads each request's body and answers a fixed one. What it does per request is the least any Java
 * server on this stack can do, so Verso's throughput divided by its throughput is the cost of everything Verso adds.
 * The suite also uses it, with an empty answer, as the OTLP collector of the tracing cells.
 *
 * <p>Runs as its own JVM: {@code FixedAnswerServer <port> <answer file> <content type>}.
 */
public final class FixedAnswerServer {

    private FixedAnswerServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] answer = Files.readAllBytes(Path.of(args[1]));
        String contentType = args[2];
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> request.receive().then()
                        .then(response.header("Content-Type", contentType).sendByteArray(Mono.just(answer)).then()))
                .bindNow();
        System.out.println("fixed-answer server on port " + server.port());
        server.onDispose().block();
    }
}
