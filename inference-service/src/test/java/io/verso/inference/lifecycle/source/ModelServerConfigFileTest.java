package io.verso.inference.lifecycle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.verso.inference.lifecycle.ModelConfig;
import io.verso.inference.lifecycle.VersionPolicy;
import io.verso.inference.model.SessionOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelServerConfigFileTest {

    private static final SessionOptions SESSION = new SessionOptions(2, 1, true, 0.5, "0", true);

    @TempDir
    Path dir;

    @Test
    void readsTfServingsDocumentedExampleWithLabelsAndSpecificPolicy() throws IOException {
        List<ModelConfig> models = read("""
                model_config_list {
                  config {
                    name: 'half_plus_two'
                    base_path: '/models/half_plus_two'
                    model_platform: 'tensorflow'
                    model_version_policy { specific { versions: 123 versions: 124 } }
                    version_labels { key: 'stable' value: 123 }
                    version_labels { key: 'canary' value: 124 }
                  }
                }
                """);

        assertThat(models).singleElement().satisfies(model -> {
            assertThat(model.name()).isEqualTo("half_plus_two");
            assertThat(model.basePath()).isEqualTo(Path.of("/models/half_plus_two"));
            assertThat(model.versionPolicy()).isEqualTo(VersionPolicy.specific(Set.of(123L, 124L)));
            assertThat(model.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("stable", 123L, "canary", 124L));
            assertThat(model.sessionOptions()).isEqualTo(SESSION);
        });
    }

    @Test
    void readsEveryPolicyKindAcrossSeveralModelsInFileOrder() throws IOException {
        List<ModelConfig> models = read("""
                # comments and double quotes are fine, as in any text proto
                model_config_list: {
                  config: { name: "newest" base_path: "/m/a" model_platform: "tensorflow" }
                  config: { name: "two" base_path: "/m/b" model_version_policy: { latest: { num_versions: 2 } } }
                  config: { name: "zero" base_path: "/m/c" model_version_policy { latest { num_versions: 0 } } }
                  config: { name: "every" base_path: "/m/d" model_version_policy { all {} } }
                  config: { name: "empty_policy" base_path: "/m/e" model_version_policy {} }
                }
                """);

        assertThat(models).extracting(ModelConfig::name).containsExactly("newest", "two", "zero", "every",
                "empty_policy");
        assertThat(models).extracting(ModelConfig::versionPolicy).containsExactly(VersionPolicy.latest(1),
                VersionPolicy.latest(2), VersionPolicy.latest(1), VersionPolicy.all(), VersionPolicy.latest(1));
    }

    @Test
    void resolvesRelativeBasePathsAgainstTheConfigFilesDirectory() throws IOException {
        List<ModelConfig> models = read("""
                model_config_list { config { name: 'm' base_path: 'models/../models/m' } }
                """);

        assertThat(models.get(0).basePath()).isEqualTo(dir.toAbsolutePath().resolve("models/m"));
    }

    @Test
    void acceptsTheDeprecatedModelTypeAndLoggingConfig() throws IOException {
        List<ModelConfig> models = read("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m' model_type: TENSORFLOW
                    logging_config { sampling_config { sampling_rate: 0.1 } log_collector_config { type: 'x' } }
                  }
                }
                """);

        assertThat(models).extracting(ModelConfig::name).containsExactly("m");
    }

    @Test
    void acceptsEveryFieldOfTfServingsLoggingConfig() throws IOException {
        // Fields of TF Serving's logging_config.proto that the schema built in code before the generated
        // ModelServerConfig did not declare, and refused as unknown.
        List<ModelConfig> models = read("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m'
                    logging_config {
                      sampling_config {
                        sampling_rate: 0.5
                        per_task_sampling_configs { dc: 'us' task_index: 3 sampling_rate: 1.0 }
                      }
                      custom_logging_config { type_url: 'type.googleapis.com/x.Y' }
                    }
                  }
                }
                """);

        assertThat(models).extracting(ModelConfig::name).containsExactly("m");
    }

    @Test
    void refusesFieldsOfTheStorageSourceConfigInsideTheVersionPolicy() throws IOException {
        // FileSystemStoragePathSourceConfig's own fields belong to the storage source, not to a model's policy.
        Path file = write("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m'
                    model_version_policy { file_system_poll_wait_seconds: 5 }
                  }
                }
                """);

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessageStartingWith("Invalid model config file " + file + ":4:")
                .hasMessageContaining("file_system_poll_wait_seconds");
    }

    @Test
    void refusesAModelTypeNumberTfServingDoesNotDefine() throws IOException {
        // The generated parser checks the number against TF Serving's ModelType before any rule here runs.
        Path file = write("model_config_list {\n  config { name: 'm' base_path: '/m' model_type: 7 }\n}");

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessage("Invalid model config file " + file + ":2:50: Enum type \"tensorflow.serving.ModelType\" "
                        + "has no value with number 7.");
    }

    @Test
    void emptyFileAndEmptyListConfigureNoModels() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("model_config_list {}")).isEmpty();
    }

    @Test
    void syntaxErrorsNameTheFileLineAndColumn() throws IOException {
        Path file = write("""
                model_config_list {
                  config {
                    name: 'm'
                    base_path: '/m'
                    model_version_policy { specific { versions: 'abc' } }
                  }
                }
                """);

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid model config file " + file + ":5:")
                .hasMessageContaining("integer");
    }

    @Test
    void unknownFieldsAreErrorsWithTheirLine() throws IOException {
        Path file = write("""
                model_config_list {
                  config {
                    name: 'm'
                    base_path: '/m'
                    version_policy { all {} }
                  }
                }
                """);

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessageStartingWith("Invalid model config file " + file + ":5:")
                .hasMessageContaining("version_policy");
    }

    @Test
    void aFieldGivenTwiceOrTwoPoliciesAreErrors() throws IOException {
        Path twice = write("model_config_list { config { name: 'a' name: 'b' base_path: '/m' } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(twice, SESSION))
                .hasMessageStartingWith("Invalid model config file " + twice + ":1:")
                .hasMessageContaining("name");

        Path twoPolicies = write("""
                model_config_list {
                  config { name: 'a' base_path: '/m' model_version_policy { all {} latest {} } }
                }
                """);
        assertThatThrownBy(() -> ModelServerConfigFile.read(twoPolicies, SESSION))
                .hasMessageStartingWith("Invalid model config file " + twoPolicies + ":2:");
    }

    @Test
    void refusesAPlatformOtherThanTensorflow() throws IOException {
        Path file = write("""
                model_config_list {
                  config { name: 'ok' base_path: '/ok' }
                  config {
                    name: 'lite'
                    base_path: '/lite'
                    model_platform: 'tflite'
                  }
                }
                """);

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessage("Invalid model config file " + file + ":6:5: model 'lite' has platform 'tflite'; only "
                        + "'tensorflow' is supported");
    }

    @Test
    void refusesModelTypeOtherAndModelTypeWithPlatform() throws IOException {
        Path other = write("model_config_list { config { name: 'm' base_path: '/m' model_type: OTHER } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(other, SESSION))
                .hasMessageContaining("platform 'other'");

        Path both = write("""
                model_config_list {
                  config { name: 'm' base_path: '/m' model_type: TENSORFLOW model_platform: 'tensorflow' }
                }
                """);
        assertThatThrownBy(() -> ModelServerConfigFile.read(both, SESSION))
                .hasMessageStartingWith("Invalid model config file " + both + ":2:")
                .hasMessageContaining("both model_type (deprecated) and model_platform");
    }

    @Test
    void refusesDuplicateNamesPointingAtBoth() throws IOException {
        Path file = write("""
                model_config_list {
                  config { name: 'twin' base_path: '/a' }
                  config {
                    name: 'twin'
                    base_path: '/b'
                  }
                }
                """);

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessage("Invalid model config file " + file + ":4:5: model 'twin' is configured twice "
                        + "(first at line 2)");
    }

    @Test
    void refusesMissingNameOrBasePathAndInvalidNames() throws IOException {
        Path noName = write("model_config_list {\n  config { base_path: '/m' }\n}");
        assertThatThrownBy(() -> ModelServerConfigFile.read(noName, SESSION))
                .hasMessage("Invalid model config file " + noName + ":2:3: a model config has no name");

        Path noBase = write("model_config_list {\n  config {\n    name: 'm'\n  }\n}");
        assertThatThrownBy(() -> ModelServerConfigFile.read(noBase, SESSION))
                .hasMessage("Invalid model config file " + noBase + ":3:5: model 'm' has no base_path");

        Path badName = write("model_config_list { config { name: 'a/b' base_path: '/m' } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(badName, SESSION))
                .hasMessageStartingWith("Invalid model config file " + badName + ":1:")
                .hasMessageContaining("model name 'a/b' must start with a letter or digit");

        // The registry's length limit: a longer name could never be registered nor routed by the gateway.
        Path longName = write("model_config_list { config { name: '" + "m".repeat(129) + "' base_path: '/m' } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(longName, SESSION)).hasMessageContaining("at most 128");
    }

    @Test
    void refusesBadVersionsAndLabels() throws IOException {
        Path emptySpecific = write("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m'
                    model_version_policy {
                      specific {}
                    }
                  }
                }
                """);
        assertThatThrownBy(() -> ModelServerConfigFile.read(emptySpecific, SESSION))
                .hasMessage("Invalid model config file " + emptySpecific + ":5:7: model 'm' has a specific version "
                        + "policy without versions");

        Path negative = write("model_config_list { config { name: 'm' base_path: '/m'\n"
                + "model_version_policy { specific { versions: 1 versions: -2 } } } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(negative, SESSION))
                .hasMessageStartingWith("Invalid model config file " + negative + ":2:")
                .hasMessageContaining("negative version -2");

        Path twice = write("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m'
                    version_labels { key: 'stable' value: 1 }
                    version_labels { key: 'stable' value: 2 }
                  }
                }
                """);
        assertThatThrownBy(() -> ModelServerConfigFile.read(twice, SESSION))
                .hasMessage("Invalid model config file " + twice + ":5:5: label 'stable' of model 'm' is given twice");

        Path noKey = write("model_config_list { config { name: 'm' base_path: '/m' version_labels { value: 1 } } }");
        assertThatThrownBy(() -> ModelServerConfigFile.read(noKey, SESSION))
                .hasMessageContaining("version label without a key");
    }

    @Test
    void aLabelForAVersionTheSpecificPolicyExcludesIsKept() throws IOException {
        // Only a warning: the label resolves to nothing until the policy serves the version (see class javadoc).
        List<ModelConfig> models = read("""
                model_config_list {
                  config {
                    name: 'm' base_path: '/m'
                    model_version_policy { specific { versions: 1 } }
                    version_labels { key: 'canary' value: 2 }
                  }
                }
                """);

        assertThat(models.get(0).labels()).containsExactly(Map.entry("canary", 2L));
    }

    @Test
    void refusesCustomModelConfig() throws IOException {
        Path file = write("custom_model_config { type_url: 'type.googleapis.com/x.Y' }");

        assertThatThrownBy(() -> ModelServerConfigFile.read(file, SESSION))
                .hasMessage("Invalid model config file " + file + ":1:1: custom_model_config is not supported; use "
                        + "model_config_list");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path missing = dir.resolve("nope.config");

        assertThatThrownBy(() -> ModelServerConfigFile.read(missing, SESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read model config file " + missing);
    }

    private List<ModelConfig> read(String text) throws IOException {
        return ModelServerConfigFile.read(write(text), SESSION);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "models", ".config"), text);
    }
}
