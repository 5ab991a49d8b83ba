package io.verso.registry.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.verso.registry.error.RegistryException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThatThrownBy(() -> fetcher.open("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("a link-local, metadata");
        assertThatThrownBy(() -> fetcher.open("http://[fe80::1]/a.zip")).hasMessageContaining("a link-local");
        assertThatThrownBy(() -> fetcher.open("ftp://example.com/a.zip"))
                .hasMessage("artifactUri must be an http or https URI, but was 'ftp://example.com/a.zip'");
    }

    /** Issue 20: without an allow-list naming the host, nothing only the cluster reaches is fetched. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "0.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "100.64.0.1", "100.127.255.254", "[fc00::1]", "[fd12:3456::1]", "[::ffff:10.0.0.1]", "[fec0::1]"})
    void refusesInternalAddressesUnlessTheAllowListNamesTheHost(String host) {
        UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of(), Optional.empty());
        assertThatThrownBy(() -> fetcher.open("http://" + host + ":9/a.zip"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("a loopback, private, carrier-grade NAT or unique-local address");
    }

    /** Metadata services are never fetched from, even for a host the allow-list names. */
    @ParameterizedTest
    @ValueSource(strings = {"[fd00:ec2::254]", "100.100.100.200", "169.254.169.254", "[fe80::1]"})
    void refusesMetadataAddressesEvenWhenAllowListed(String host) {
        String name = host.replace("[", "").replace("]", "");
        UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of(name), Optional.empty());
        assertThatThrownBy(() -> fetcher.open("http://" + host + "/latest/meta-data/"))
                .isInstanceOf(RegistryException.class).hasMessageContaining("a link-local, metadata");
    }

    /**
     * A closed port, an open one answering 404 and one answering 500 read the same to the caller: the endpoint
     * must not tell a deployer which ports of the registry's network are open, nor what their servers say.
     */
    @Test
    void failuresDoNotEchoWhatTheRemoteSaid() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/missing.zip", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/broken.zip", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try {
            UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of("127.0.0.1"), Optional.empty());
            String open = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String uri : List.of(open + "/missing.zip", open + "/broken.zip",
                    "http://127.0.0.1:" + closedPort + "/a.zip")) {
                assertThatThrownBy(() -> fetcher.open(uri)).isInstanceOf(RegistryException.class)
                        .hasMessage("the archive at '" + uri + "' could not be fetched (no 200 answer with a body);"
                                + " the registry's log says why");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesS3UrisWithoutAnS3Store() {
        UriFetcher fetcher = new UriFetcher(Duration.ofSeconds(5), List.of(), Optional.empty());

        assertThatThrownBy(() -> fetcher.open("s3://models/a.zip")).hasMessage("s3:// URIs need the S3 artifact"
                + " store (verso.registry.store=s3), which gives the registry its S3 credentials");
    }
}
