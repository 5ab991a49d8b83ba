package io.verso.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
