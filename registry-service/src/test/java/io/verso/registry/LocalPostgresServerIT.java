package io.verso.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.verso.registry.model.Model;
import io.verso.registry.model.ModelRepository;
import io.verso.registry.testsupport.JdbcTarget;
import io.verso.registry.testsupport.PostgresServer;
import io.verso.registry.testsupport.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * The registry against the developer's or CI's own PostgreSQL at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust auth), the kind of server it runs on in production. Skipped, with the reason, where no
 * such server answers. It works in a database of its own, dropped afterwards, so {@code test} stays clean.
 */
class LocalPostgresServerIT {

    private static final JdbcTarget LOCAL = new JdbcTarget("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
    private static final String DATABASE = "verso_it_" + TestPostgres.RUN_ID;

    private static PostgresServer server;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void startRegistryOnLocalServer() {
        assumeTrue(LOCAL.isReachable(), "no PostgreSQL accepts " + LOCAL + " (trust auth); start one to run this test");
        server = new PostgresServer("local PostgreSQL", LOCAL, true);
        JdbcTarget database = server.createDatabase(DATABASE);
        app = new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user());
    }

    @AfterAll
    static void dropDatabase() {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.dropDatabase(DATABASE);
        }
    }

    @Test
    void migratesItsOwnDatabaseAndStoresModels() {
        ModelRepository models = app.getBean(ModelRepository.class);
        models.save(new Model("local-server-model", "on the local server", "it"));

        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select current_database()", String.class)).isEqualTo(DATABASE);
        assertThat(models.findByName("local-server-model")).isPresent();
    }

    @Test
    void answersReadinessOverHttp() {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();

        Map<?, ?> readiness = RestClient.create("http://127.0.0.1:" + port)
                .get().uri("/actuator/health/readiness").retrieve().body(Map.class);

        assertThat(readiness.get("status")).isEqualTo("UP");
    }
}
