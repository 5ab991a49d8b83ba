package io.verso.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTest {

    private HttpServer server;
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Http client() {
        return new Http(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "t0ken");
    }

    @Test
    void uploadsTheMetadataAsAJsonPartBeforeTheArchive() throws Exception {
        Http.Answer answer = client().upload("/api/v1/models/iris/versions", "iris-1.tar.gz", new byte[] {1, 2, 3},
                "{\"metrics\": {\"test_accuracy\": 0.97}}");

        assertThat(answer.status()).isEqualTo(201);
        String boundary = contentType.get().substring(contentType.get().indexOf("boundary=") + "boundary=".length());
        assertThat(contentType.get()).startsWith("multipart/form-data; boundary=");
        assertThat(body.get()).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"metrics\": {\"test_accuracy\": 0.97}}\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"iris-1.tar.gz\"\r\n"
                + "Content-Type: application/gzip\r\n\r\n"
                + "\u0001\u0002\u0003\r\n"
                + "--" + boundary + "--\r\n");
    }

    @Test
    void uploadsOnlyTheArchiveWithoutMetadata() throws Exception {
        client().upload("/api/v1/models/simple/versions", "simple-1.tar.gz", new byte[] {7});

        assertThat(body.get()).doesNotContain("name=\"metadata\"").contains("name=\"file\"; filename=\"simple-1.tar.gz\"");
    }
}
