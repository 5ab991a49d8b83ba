package io.verso.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.registry.model.Model;
import io.verso.registry.model.ModelRepository;
import io.verso.registry.testsupport.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/** The whole registry on a real port and a real PostgreSQL (see {@link WithPostgres} for which one). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPostgres
class RegistryApplicationIT {

    @LocalServerPort
    int port;

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcTemplate jdbc;

    RestClient http;

    /** Models saved here, straight through the repository: without the deployment row every real model has. */
    private final List<String> saved = new ArrayList<>();

    @BeforeEach
    void connect() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    /**
     * The suite shares the database: a model without a deployment row left behind would reach other tests' pages
     * (the console's model list) as a model the API can never produce.
     */
    @AfterEach
    void deleteSavedModels() {
        saved.forEach(name -> jdbc.update("delete from model where name = ?", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
    void healthGroupsAreUp(String path) {
        Map<?, ?> health = http.get().uri(path).retrieve().body(Map.class);

        assertThat(health.get("status")).isEqualTo("UP");
    }

    @Test
    void prometheusScrapeCarriesJvmAndConnectionPoolMetrics() {
        String scrape = http.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(scrape)
                .contains("jvm_memory_used_bytes{")
                .contains("hikaricp_connections_active{")
                .contains("application=\"verso-registry\"");
    }

    @Test
    void flywayAppliedTheModelMigration() {
        String version = jdbc.queryForObject(
                "select version from flyway_schema_history where success and script = 'V1__create_model.sql'",
                String.class);

        assertThat(version).isEqualTo("1");
    }

    @Test
    void storesAndReadsAModel() {
        String name = uniqueName();
        Model saved = models.save(new Model(name, "classifies irises", "team-a"));

        Model read = models.findByName(name).orElseThrow();

        assertThat(read.getId()).isEqualTo(saved.getId()).isNotNull();
        assertThat(read.getDescription()).isEqualTo("classifies irises");
        assertThat(read.getOwner()).isEqualTo("team-a");
        assertThat(read.getCreatedAt()).isNotNull();
        assertThat(read.getUpdatedAt()).isNull();
    }

    @Test
    void refusesASecondModelWithTheSameName() {
        String name = uniqueName();
        models.save(new Model(name, null, null));

        assertThatThrownBy(() -> models.save(new Model(name, "again", null)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("model_name_key");
    }

    /** Every test brings its own name, deleted after it. */
    private String uniqueName() {
        String name = "it-" + UUID.randomUUID();
        saved.add(name);
        return name;
    }
}
