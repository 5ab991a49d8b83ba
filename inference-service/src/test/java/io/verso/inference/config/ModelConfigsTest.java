package io.verso.inference.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.model.SessionOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

/** Binds YAML the way the application does, then gathers the models as the wiring does. */
class ModelConfigsTest {

    @TempDir
    Path dir;

    @Test
    void yamlBatchingAndEnableBatchingWithTensorFlowServingsParametersFile() throws IOException {
        Path parameters = Files.writeString(dir.resolve("batching.config"),
                "max_batch_size { value: 16 }\nbatch_timeout_micros { value: 1000 }\n");
        List<ModelConfig> models = ModelConfigs.from(bind("""
                verso.inference:
                  enable-batching: true
                  batching-parameters-file: %s
                  models:
                    - name: own
                      base-path: /models/own
                      batching:
                        max-batch-size: 8
                        latency-target: 20ms
                    - name: flagged
                      base-path: /models/flagged
                """.formatted(parameters)));

        assertThat(models.get(0).batching()).isEqualTo(new io.verso.inference.model.BatchingOptions(8,
                java.time.Duration.ofMillis(2), List.of(), 64, 2, java.time.Duration.ofMillis(20)));
        assertThat(models.get(1).batching().maxBatchSize()).isEqualTo(16);
        assertThat(models.get(1).batching().batchTimeout()).isEqualTo(java.time.Duration.ofMillis(1));
    }

    @Test
    void yamlModelsKeepLabelsAndTheSpecificPolicy() throws IOException {
        List<ModelConfig> models = ModelConfigs.from(bind("""
                verso.inference:
                  default-session:
                    intra-op-threads: 3
                  models:
                    - name: half_plus_two
                      base-path: /models/half_plus_two
                      version-policy: SPECIFIC
                      versions: [123, 124]
                      labels:
                        stable: 123
                        canary: 124
                    - name: newest_two
                      base-path: /models/other
                      num-versions: 2
                      session:
                        inter-op-threads: 1
                    - name: every
                      base-path: /models/every
                      version-policy: ALL
                """));

        assertThat(models).extracting(ModelConfig::name).containsExactly("half_plus_two", "newest_two", "every");
        assertThat(models.get(0).versionPolicy()).isEqualTo(VersionPolicy.specific(Set.of(123L, 124L)));
        assertThat(models.get(0).labels()).isEqualTo(Map.of("stable", 123L, "canary", 124L));
        assertThat(models.get(0).sessionOptions().intraOpThreads()).isEqualTo(3);
        assertThat(models.get(1).versionPolicy()).isEqualTo(VersionPolicy.latest(2));
        assertThat(models.get(1).sessionOptions())
                .isEqualTo(new SessionOptions(0, 1, true, 0.0, "", true));
        assertThat(models.get(2).versionPolicy()).isEqualTo(VersionPolicy.all());
    }

    @Test
    void mergesTheConfigFileThePropertiesAndTheSingleModelInThatOrder() throws IOException {
        Path file = writeConfig("model_config_list { config { name: 'from_file' base_path: 'models/a' } }");

        List<ModelConfig> models = ModelConfigs.from(bind("""
                verso.inference:
                  model-config-file: %s
                  model-name: single
                  model-base-path: /models/single
                  default-session:
                    inter-op-threads: 2
                  models:
                    - name: from_yaml
                      base-path: /models/yaml
                """.formatted(file)));

        assertThat(models).extracting(ModelConfig::name).containsExactly("from_file", "from_yaml", "single");
        assertThat(models.get(0).basePath()).isEqualTo(dir.toAbsolutePath().resolve("models/a"));
        assertThat(models).allSatisfy(model -> assertThat(model.sessionOptions().interOpThreads()).isEqualTo(2));
    }

    @Test
    void theSingleModelIsCalledDefaultWithoutAName() {
        List<ModelConfig> models = ModelConfigs.from(bind("verso.inference.model-base-path: /models/x"));

        assertThat(models).singleElement().satisfies(model -> {
            assertThat(model.name()).isEqualTo("default");
            assertThat(model.versionPolicy()).isEqualTo(VersionPolicy.latest(1));
        });
    }

    @Test
    void refusesANameConfiguredTwiceNamingBothPlaces() throws IOException {
        Path file = writeConfig("model_config_list { config { name: 'm' base_path: '/a' } }");

        assertThatThrownBy(() -> ModelConfigs.from(bind("""
                verso.inference:
                  model-config-file: %s
                  models:
                    - name: m
                      base-path: /b
                """.formatted(file))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'm' is configured twice: in model config file " + file
                        + " and in verso.inference.models[0]");

        assertThatThrownBy(() -> ModelConfigs.from(bind("""
                verso.inference:
                  model-name: m
                  model-base-path: /a
                  models:
                    - name: m
                      base-path: /b
                """)))
                .hasMessageStartingWith("model 'm' is configured twice: in verso.inference.models[0] and in "
                        + "verso.inference.model-name/model-base-path");
    }

    @Test
    void refusesSpecificWithoutVersionsAndNegativeLabels() {
        assertThatThrownBy(() -> ModelConfigs.from(bind("""
                verso.inference.models:
                  - name: m
                    base-path: /m
                    version-policy: SPECIFIC
                """)))
                .hasMessageContaining("verso.inference.models[0] (model 'm'): version-policy SPECIFIC needs versions");

        assertThatThrownBy(() -> ModelConfigs.from(bind("""
                verso.inference.models:
                  - name: m
                    base-path: /m
                    labels:
                      stable: -1
                """)))
                .hasMessageContaining("labels.stable of model 'm' names the negative version -1");
    }

    @Test
    void anInvalidConfigFileFailsTheWholeConfiguration() throws IOException {
        Path file = writeConfig("model_config_list { config { name: 'm' base_path: '/a' platform: 'x' } }");

        assertThatThrownBy(() -> ModelConfigs.from(bind("verso.inference.model-config-file: " + file)))
                .hasMessageStartingWith("Invalid model config file " + file + ":1:");
    }

    private static InferenceProperties bind(String yaml) {
        try {
            var sources = new YamlPropertySourceLoader().load("test.yml",
                    new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bindOrCreate("verso.inference", InferenceProperties.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path writeConfig(String text) throws IOException {
        return Files.writeString(dir.resolve("models.config"), text);
    }
}
