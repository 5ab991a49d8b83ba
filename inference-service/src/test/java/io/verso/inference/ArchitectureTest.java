package io.verso.inference;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/** The dependency rules of ARCHITECTURE.md for the inference service. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.verso.inference");

    /** The generated messages of TF Serving's model_server_config.proto and the version policy it embeds. */
    private static final String MODEL_SERVER_CONFIG_MESSAGES =
            "tensorflow\\.serving\\.(ModelServerConfigOuterClass|FileSystemStoragePathSource)(\\$.*)?";

    @Test
    void onlyTheTensorFlowRuntimeImportsTensorFlow() {
        // TF Java's generated messages (org.tensorflow.proto) are wire types of the gRPC API, not the runtime.
        noClasses().that().resideOutsideOfPackage("io.verso.inference.runtime.tf..")
                .should().dependOnClassesThat(resideInAPackage("org.tensorflow..")
                        .and(not(resideInAPackage("org.tensorflow.proto.."))))
                .check(CLASSES);
    }

    @Test
    void onlyTheGrpcCodecsSpeakGrpc() {
        noClasses().that().resideOutsideOfPackages("io.verso.inference.api.grpc..", "io.verso.inference.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "inference..")
                .check(CLASSES);
        // The model config file reader parses TF Serving's ModelServerConfig with its generated messages; nothing
        // else of TF Serving's API is for it.
        noClasses().that().resideOutsideOfPackages("io.verso.inference.api.grpc..", "io.verso.inference.config..")
                .should().dependOnClassesThat(resideInAPackage("tensorflow.serving..")
                        .and(not(nameMatching(MODEL_SERVER_CONFIG_MESSAGES))))
                .check(CLASSES);
        noClasses().that().resideOutsideOfPackages("io.verso.inference.api.grpc..", "io.verso.inference.config..",
                        "io.verso.inference.lifecycle.source..")
                .should().dependOnClassesThat().resideInAPackage("tensorflow.serving..")
                .check(CLASSES);
        // TensorFlow's messages: the runtime reads SavedModels with them, the gRPC codecs carry them.
        noClasses().that().resideOutsideOfPackages("io.verso.inference.api.grpc..", "io.verso.inference.runtime.tf..")
                .should().dependOnClassesThat().resideInAPackage("org.tensorflow.proto..")
                .check(CLASSES);
    }

    @Test
    void theTransportsShareTheDataPlaneNotEachOther() {
        // REST and gRPC codecs of one API may share its rules (api.tfserving.Examples, api.v2.V2Metadata), but no
        // REST codec depends on gRPC, and the two protocols' codecs stay apart.
        noClasses().that().resideInAnyPackage("io.verso.inference.api.tfserving..", "io.verso.inference.api.v2..")
                .should().dependOnClassesThat().resideInAPackage("io.verso.inference.api.grpc..").check(CLASSES);
        noClasses().that().resideInAPackage("io.verso.inference.api.grpc.tfserving..")
                .should().dependOnClassesThat().resideInAnyPackage("io.verso.inference.api.v2..",
                        "io.verso.inference.api.grpc.v2..").check(CLASSES);
        noClasses().that().resideInAPackage("io.verso.inference.api.grpc.v2..")
                .should().dependOnClassesThat().resideInAnyPackage("io.verso.inference.api.tfserving..",
                        "io.verso.inference.api.grpc.tfserving..").check(CLASSES);
    }

    @Test
    void layersDependInwardOnly() {
        // Each layer names every layer it may import; docs/architecture.md lists the same table.
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("io.verso.inference.model..")
                .layer("runtime").definedBy("io.verso.inference.runtime..")
                .layer("tracing").definedBy("io.verso.inference.tracing..")
                .layer("batching").definedBy("io.verso.inference.batching..")
                .layer("lifecycle").definedBy("io.verso.inference.lifecycle..")
                .layer("dataplane").definedBy("io.verso.inference.dataplane..")
                .layer("monitoring").definedBy("io.verso.inference.monitoring..")
                .layer("api").definedBy("io.verso.inference.api..")
                .layer("config").definedBy("io.verso.inference.config..")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("runtime").mayOnlyAccessLayers("model")
                .whereLayer("tracing").mayOnlyAccessLayers("model")
                .whereLayer("batching").mayOnlyAccessLayers("model", "tracing")
                .whereLayer("lifecycle").mayOnlyAccessLayers("model")
                .whereLayer("dataplane").mayOnlyAccessLayers("model", "lifecycle", "tracing")
                .whereLayer("monitoring").mayOnlyAccessLayers("model", "lifecycle", "dataplane")
                .whereLayer("api").mayOnlyAccessLayers("model", "dataplane", "tracing", "monitoring")
                .whereLayer("config").mayOnlyAccessLayers("model", "runtime", "tracing", "batching", "lifecycle",
                        "dataplane", "monitoring", "api")
                .whereLayer("config").mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    @Test
    void onlyTheApiServesHttp() {
        // Handlers and routes live in api; config mounts them. Monitoring's HTTP client sinks are not servers.
        noClasses().that().resideOutsideOfPackages("io.verso.inference.api..", "io.verso.inference.config..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.web.reactive.function.server..")
                .check(CLASSES);
    }

    @Test
    void onlyConfigWiresSpring() {
        // One wiring style: the composition root's @Bean methods; feature packages are plain classes.
        noClasses().that().resideOutsideOfPackage("io.verso.inference.config..")
                .should().beAnnotatedWith(Configuration.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.context.annotation..",
                        "org.springframework.boot.context.properties..")
                .check(CLASSES);
    }

    @Test
    void configurationClassesStayPackagePrivate() {
        classes().that().areAnnotatedWith(Configuration.class).should().notBePublic().check(CLASSES);
    }
}
