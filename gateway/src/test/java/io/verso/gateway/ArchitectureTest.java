package io.verso.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** The dependency rules of ARCHITECTURE.md for the gateway, checked on the main classes. */
@AnalyzeClasses(packages = "io.verso.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Only what other packages use is public; Spring reaches controllers and wiring without that. */
    @ArchTest
    static final ArchRule controllersAreNotPublic = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().notBePublic()
            // No controller exists yet; the rule must already hold for the first one.
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule configurationClassesAreNotPublic = classes()
            .that().areAnnotatedWith(Configuration.class)
            .should().notBePublic();

    /** config is the composition root: it imports everything, nothing imports it. */
    @ArchTest
    static final ArchRule nothingDependsOnConfig = noClasses()
            .that().resideOutsideOfPackage("io.verso.gateway.config..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.gateway.config..");

    /** The routing core is plain Java: testable without Spring, reusable by any front. */
    @ArchTest
    static final ArchRule routingCoreIsFrameworkFree = classes()
            .that().resideInAPackage("io.verso.gateway.routing..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "io.verso.contracts..", "io.verso.gateway.routing..");

    /** Each feature package imports only the packages its package-info names. */
    @ArchTest
    static final ArchRule featurePackagesKeepTheirDirection = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.verso.gateway..")
            .layer("config").definedBy("io.verso.gateway.config..")
            .layer("proxy").definedBy("io.verso.gateway.proxy..")
            .layer("grpc").definedBy("io.verso.gateway.grpc..")
            .layer("protection").definedBy("io.verso.gateway.protection..")
            .layer("shadow").definedBy("io.verso.gateway.shadow..")
            .layer("backend").definedBy("io.verso.gateway.backend..")
            .layer("feed").definedBy("io.verso.gateway.feed..")
            .layer("routing").definedBy("io.verso.gateway.routing..")
            .layer("metrics").definedBy("io.verso.gateway.metrics..")
            .layer("errors").definedBy("io.verso.gateway.errors..")
            .layer("tracing").definedBy("io.verso.gateway.tracing..")
            .whereLayer("config").mayNotBeAccessedByAnyLayer()
            .whereLayer("proxy").mayOnlyBeAccessedByLayers("config")
            .whereLayer("grpc").mayOnlyBeAccessedByLayers("config")
            // The gRPC port applies the REST route's protection itself: it has no gateway filter chain.
            .whereLayer("protection").mayOnlyBeAccessedByLayers("config", "grpc")
            .whereLayer("feed").mayOnlyBeAccessedByLayers("config")
            .whereLayer("shadow").mayOnlyBeAccessedByLayers("config", "proxy")
            .whereLayer("backend").mayOnlyBeAccessedByLayers("config", "proxy", "grpc")
            .whereLayer("routing").mayOnlyBeAccessedByLayers("config", "proxy", "grpc", "backend", "shadow", "tracing")
            .whereLayer("metrics").mayOnlyBeAccessedByLayers("config", "proxy", "grpc", "protection", "shadow")
            .whereLayer("errors").mayOnlyBeAccessedByLayers("proxy", "protection")
            .whereLayer("tracing").mayOnlyBeAccessedByLayers("config", "proxy", "shadow");
}
