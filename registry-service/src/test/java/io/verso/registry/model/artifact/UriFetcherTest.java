package io.verso.registry.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.verso.registry.web.RegistryException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UriFetcherTest {

    @Test
    void withAnAllowListOnlyItsHostsAndTheSubdomainsOfItsDotEntriesAreFetched() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/a.zip", exchange -> {
            byte[] body = "archive".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of("127.0.0.1", ".models.example.com"), Optional.empty());
            try (InputStream body = fetcher.open("http://127.0.0.1:" + server.getAddress().getPort() + "/a.zip")) {
                assertThat(body.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("archive");
            }

            assertThatThrownBy(() -> fetcher.open("http://localhost:" + server.getAddress().getPort() + "/a.zip"))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("host 'localhost' is not in verso.registry.fetch-allowed-hosts");
            assertThatThrownBy(() -> fetcher.open("https://models.example.com.attacker.test/a.zip"))
                    .hasMessage("host 'models.example.com.attacker.test' is not in verso.registry.fetch-allowed-hosts");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesWildcardAndLinkLocalAddressesWithoutAnAllowList() {
        UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of(), Optional.empty());

        assertThatThrownBy(() -> fetcher.open("http://0.0.0.0/a.zip")).hasMessageContaining("0.0.0.0, a link-local");
        assertThatThrownBy(() -> fetcher.open("http://[fe80::1]/a.zip")).hasMessageContaining("a link-local");
        assertThatThrownBy(() -> fetcher.open("ftp://example.com/a.zip"))
                .hasMessage("artifactUri must be an http or https URI, but was 'ftp://example.com/a.zip'");
    }

    @Test
    void refusesS3UrisWithoutAnS3Store() {
        UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of(), Optional.empty());

        assertThatThrownBy(() -> fetcher.open("s3://models/a.zip")).hasMessage("s3:// URIs need the S3 artifact"
                + " store (verso.registry.store=s3), which gives the registry its S3 credentials");
    }
}
