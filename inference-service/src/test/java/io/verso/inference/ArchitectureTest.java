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
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("io.verso.inference.model..")
                .layer("runtime").definedBy("io.verso.inference.runtime..")
                .layer("lifecycle").definedBy("io.verso.inference.lifecycle..")
                .layer("dataplane").definedBy("io.verso.inference.dataplane..")
                .layer("api").definedBy("io.verso.inference.api..")
                .layer("monitoring").definedBy("io.verso.inference.monitoring..")
                .layer("config").definedBy("io.verso.inference.config..")
                .layer("tracing").definedBy("io.verso.inference.tracing..")
                .whereLayer("config").mayOnlyBeAccessedByLayers("config")
                .whereLayer("monitoring").mayOnlyBeAccessedByLayers("config")
                .whereLayer("api").mayOnlyBeAccessedByLayers("monitoring", "config")
                .whereLayer("dataplane").mayOnlyBeAccessedByLayers("api", "monitoring", "config")
                .whereLayer("lifecycle").mayOnlyBeAccessedByLayers("dataplane", "api", "monitoring", "config")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("config")
                // The pod's spans: opened by the data plane, the handlers and batching; wired by config.
                .whereLayer("tracing").mayOnlyBeAccessedByLayers("dataplane", "api", "config")
                .check(CLASSES);
    }

    @Test
    void configurationClassesStayPackagePrivate() {
        classes().that().areAnnotatedWith(Configuration.class).should().notBePublic().check(CLASSES);
    }
}
