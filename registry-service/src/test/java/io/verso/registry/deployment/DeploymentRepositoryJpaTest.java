package io.verso.registry.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.registry.model.Model;
import io.verso.registry.model.ModelRepository;
import io.verso.registry.testsupport.WithPostgres;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The deployment row against the schema: its revision counts transitions, and the database repeats the rules. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@WithPostgres
class DeploymentRepositoryJpaTest {

    @Autowired
    DeploymentRepository deployments;

    @Autowired
    ModelRepository models;

    @Autowired
    JdbcTemplate jdbc;

    Model model;

    @BeforeEach
    void model() {
        model = models.saveAndFlush(new Model("jpa-" + System.nanoTime(), null, null));
    }

    @Test
    void revisionCountsEveryUpdate() {
        Deployment deployment = deployments.saveAndFlush(new Deployment(model.getId()));
        assertThat(deployment.getRevision()).isZero();

        deployment.apply(new DeploymentRouting(1L, null, 0, null, Map.of()), "{}");
        deployments.saveAndFlush(deployment);
        deployment.apply(new DeploymentRouting(1L, 2L, 10, null, Map.of()), "{}");
        deployments.saveAndFlush(deployment);

        assertThat(deployment.getRevision()).isEqualTo(2);
        assertThat(deployments.findByModelId(model.getId()).orElseThrow().getCanaryWeight()).isEqualTo(10);
    }

    @Test
    void oneDeploymentPerModel() {
        deployments.saveAndFlush(new Deployment(model.getId()));

        assertThatThrownBy(() -> deployments.saveAndFlush(new Deployment(model.getId())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("deployment_model_key");
    }

    /** Written past the entity (which would refuse earlier): the database is the last line. */
    @Test
    void databaseRefusesAWeightOutsideZeroToHundred() {
        Deployment deployment = deployments.saveAndFlush(new Deployment(model.getId()));
        deployment.apply(new DeploymentRouting(1L, 2L, 10, null, Map.of()), "{}");
        deployments.saveAndFlush(deployment);

        assertThatThrownBy(() -> jdbc.update("update deployment set canary_weight = 150 where id = ?",
                deployment.getId()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("deployment_canary_weight_range");
    }

    @Test
    void databaseRefusesACanaryWithoutStable() {
        Deployment deployment = deployments.saveAndFlush(new Deployment(model.getId()));
        deployment.apply(new DeploymentRouting(1L, 2L, 10, null, Map.of()), "{}");
        deployments.saveAndFlush(deployment);

        assertThatThrownBy(() -> jdbc.update("update deployment set stable_version = null where id = ?",
                deployment.getId()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("deployment_canary_needs_stable");
    }

    @Test
    void servingListsOnlyDeploymentsWithAStableVersion() {
        Deployment empty = deployments.saveAndFlush(new Deployment(model.getId()));
        Model other = models.saveAndFlush(new Model("jpa-serving-" + System.nanoTime(), null, null));
        Deployment serving = deployments.saveAndFlush(new Deployment(other.getId()));
        serving.apply(new DeploymentRouting(3L, null, 0, null, Map.of()), "{}");
        deployments.saveAndFlush(serving);

        assertThat(deployments.findServing()).extracting(Deployment::getId)
                .contains(serving.getId()).doesNotContain(empty.getId());
    }

}
