package io.verso.gateway.feed;

import io.verso.contracts.RoutingTable;
import io.verso.gateway.GatewayApplication;
import io.verso.gateway.testsupport.FakePod;
import io.verso.gateway.testsupport.Routes;
import io.verso.gateway.testsupport.FakeRegistry;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A gateway restarted while the registry is down routes with the table it cached on disk. */
class CachedRoutingIT {

    @TempDir
    Path dir;

    @Test
    void aRestartDuringARegistryOutageRoutesFromTheCachedTable() throws Exception {
        Path cache = dir.resolve("routing-table.json");
        try (FakePod pod = FakePod.start("cached-pod")) {
            RoutingTable table = new RoutingTable("r42", List.of(Routes.model("m").stable(4, pod.url()).build()));
            Files.write(cache, FakeRegistry.json(table));
            try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                    "--server.port=0", "--verso.gateway.registry-uri=http://127.0.0.1:" + closedPort(),
                    "--verso.gateway.registry-token=t", "--verso.gateway.routing-cache=" + cache,
                    "--verso.gateway.feed.retry-delay=100ms", "--verso.gateway.auth.enabled=false")) {
                WebTestClient http = WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                        .build();
                http.post().uri("/v1/models/m:predict").bodyValue("{}").exchange()
                        .expectStatus().isOk()
                        .expectHeader().valueEquals("X-Verso-Model-Version", "4")
                        .expectBody().jsonPath("$.path").isEqualTo("/v1/models/m/versions/4:predict");
            }
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
