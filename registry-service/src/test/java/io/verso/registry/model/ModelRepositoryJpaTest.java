package io.verso.registry.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.registry.testsupport.WithPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;

/** The entity against the schema Flyway builds; each test rolls back, so names may repeat across tests. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@WithPostgres
class ModelRepositoryJpaTest {

    private static final String LONGEST_NAME = "m" + "x".repeat(127);

    @Autowired
    ModelRepository models;

    static Stream<String> safeNames() {
        return Stream.of("a", "resnet-50_v2.1", "9lives", LONGEST_NAME);
    }

    static Stream<String> unsafeNames() {
        return Stream.of("", "-leading-dash", ".hidden", "has space", "a/b", "ümlaut", LONGEST_NAME + "y");
    }

    @ParameterizedTest
    @MethodSource("safeNames")
    void acceptsNamesThatAreSafeInUrlsAndPaths(String name) {
        models.saveAndFlush(new Model(name, null, null));

        assertThat(models.findByName(name)).isPresent();
    }

    @ParameterizedTest
    @MethodSource("unsafeNames")
    void databaseRejectsUnsafeNames(String name) {
        assertThatThrownBy(() -> models.saveAndFlush(new Model(name, null, null)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("model_name_format");
    }

    @Test
    void stampsCreationButNotUpdateOnInsert() {
        Instant before = Instant.now();

        Model model = models.saveAndFlush(new Model("stamped", "d", "o"));

        assertThat(model.getCreatedAt()).isBetween(before.minus(Duration.ofSeconds(1)), Instant.now());
        assertThat(model.getUpdatedAt()).isNull();
    }

    @Test
    void stampsUpdates() {
        Model model = models.saveAndFlush(new Model("changing", "old", "o"));

        model.setDescription("new");
        Model changed = models.saveAndFlush(model);

        assertThat(changed.getUpdatedAt()).isAfterOrEqualTo(changed.getCreatedAt());
    }

    @Test
    void findsNothingForAnUnknownName() {
        assertThat(models.findByName("never-registered")).isEmpty();
    }
}
