package io.verso.registry;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.verso.registry.deployment.DeploymentRouting;
import io.verso.registry.deployment.Transition;
import io.verso.registry.deployment.TransitionRejected;
import jakarta.servlet.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The dependency rules of docs/architecture.md for the registry, checked on the main classes. */
@AnalyzeClasses(packages = "io.verso.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Only what other packages use is public; Spring reaches controllers and wiring without that. */
    @ArchTest
    static final ArchRule controllersAreNotPublic = classes()
            .that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule configurationClassesAreNotPublic = classes()
            .that().areAnnotatedWith(Configuration.class)
            .should().notBePublic();

    @ArchTest
    static final ArchRule modelDoesNotDependOnConfig = noClasses()
            .that().resideInAPackage("io.verso.registry.model..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.config..");

    /** config is the composition root: it imports everything, nothing imports it. */
    @ArchTest
    static final ArchRule nothingDependsOnConfig = noClasses()
            .that().resideOutsideOfPackage("io.verso.registry.config..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.config..");

    /** Only the artifact package parses TensorFlow's protos; the registry never loads TensorFlow itself. */
    @ArchTest
    static final ArchRule onlyArtifactsImportTensorFlow = noClasses()
            .that().resideOutsideOfPackage("io.verso.registry.model.artifact..")
            .should().dependOnClassesThat().resideInAPackage("org.tensorflow..");

    /** Models know nothing of deployments or feeds: they announce changes as events and ask through ports. */
    @ArchTest
    static final ArchRule modelDoesNotDependOnLaterFeatures = noClasses()
            .that().resideInAPackage("io.verso.registry.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.deployment..",
                    "io.verso.registry.feed..", "io.verso.registry.audit..", "io.verso.registry.security..");

    /** Artifacts are a leaf below models: storage and archive checks, no JPA entities. */
    @ArchTest
    static final ArchRule artifactsAreALeaf = noClasses()
            .that().resideInAPackage("io.verso.registry.model.artifact..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.model", "jakarta.persistence..");

    /**
     * The object store is an artifact store like the filesystem: only the artifact package speaks S3, and only the
     * composition root builds its clients. The rest of the registry sees {@code ArtifactStore}.
     */
    @ArchTest
    static final ArchRule onlyArtifactsAndWiringUseTheS3Sdk = noClasses()
            .that().resideOutsideOfPackages("io.verso.registry.model.artifact..", "io.verso.registry.config..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    /** Replica coordination is a leaf every feature may use: it knows no other package of the registry. */
    @ArchTest
    static final ArchRule replicaCoordinationIsALeaf = noClasses()
            .that().resideInAPackage("io.verso.registry.replica..")
            .should().dependOnClassesThat(resideInAPackage("io.verso.registry..")
                    .and(resideOutsideOfPackages("io.verso.registry.replica..")));

    /** Domain errors are plain Java that every package, the state machine included, may throw. */
    @ArchTest
    static final ArchRule errorsArePlainJava = classes()
            .that().resideInAPackage("io.verso.registry.error..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.verso.registry.error..");

    /**
     * The pod-report intake (pod id rule, lease, expiry) is shared by the feeds, analysis and security: it knows
     * none of them, only the domain errors and replica coordination (one replica sweeps at a time).
     */
    @ArchTest
    static final ArchRule podReportIntakeKnowsNoFeature = noClasses()
            .that().resideInAPackage("io.verso.registry.podreport..")
            .should().dependOnClassesThat(resideInAPackage("io.verso.registry..")
                    .and(resideOutsideOfPackages("io.verso.registry.podreport..", "io.verso.registry.error..",
                            "io.verso.registry.replica..")));

    /** The audit trail is written by deployments, and depends on none of them. */
    @ArchTest
    static final ArchRule auditIsALeaf = noClasses()
            .that().resideInAPackage("io.verso.registry.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.model..",
                    "io.verso.registry.deployment..", "io.verso.registry.feed..", "io.verso.registry.security..");

    @ArchTest
    static final ArchRule deploymentDoesNotDependOnFeedOrSecurity = noClasses()
            .that().resideInAPackage("io.verso.registry.deployment..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.feed..",
                    "io.verso.registry.security..");

    /** Nothing imports the feeds but config and the console (which waits on them for live pages): the end of the line. */
    @ArchTest
    static final ArchRule onlyConfigImportsFeed = noClasses()
            .that().resideOutsideOfPackages("io.verso.registry.config..", "io.verso.registry.feed..",
                    "io.verso.registry.console..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.feed..");

    /** Monitoring analysis needs only models: summaries arrive at its own endpoint; the rollout engine builds on it. */
    @ArchTest
    static final ArchRule analysisDependsOnNoLaterFeature = noClasses()
            .that().resideInAPackage("io.verso.registry.analysis..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.rollout..",
                    "io.verso.registry.deployment..", "io.verso.registry.feed..", "io.verso.registry.audit..",
                    "io.verso.registry.security..");

    /** The rollout engine moves deployments only through their transitions (which write the audit trail). */
    @ArchTest
    static final ArchRule rolloutsGoThroughDeploymentTransitions = noClasses()
            .that().resideInAPackage("io.verso.registry.rollout..")
            .should().dependOnClassesThat().resideInAnyPackage("io.verso.registry.feed..",
                    "io.verso.registry.audit..", "io.verso.registry.security..");

    /**
     * The continuous-training hook and the webhooks listen to events and call services; nothing calls them but
     * config (which builds their settings). A rollout engine reacts to pipeline.VersionQualified, an event.
     */
    @ArchTest
    static final ArchRule onlyConfigImportsWebhooks = noClasses()
            .that().resideOutsideOfPackages("io.verso.registry.config..", "io.verso.registry.webhook..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.webhook..");

    @ArchTest
    static final ArchRule pipelineAndWebhooksAreIndependent = noClasses()
            .that().resideInAPackage("io.verso.registry.pipeline..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.webhook..");

    /**
     * Features read the caller as a plain Principal; only config wires security, and the console, whose sign-in
     * and tokens page are security's user interface.
     */
    @ArchTest
    static final ArchRule onlyConfigImportsSecurity = noClasses()
            .that().resideOutsideOfPackages("io.verso.registry.config..", "io.verso.registry.security..",
                    "io.verso.registry.console..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.security..");

    /** The console is a client of the features' services, like the API's controllers: nothing depends on it. */
    @ArchTest
    static final ArchRule nothingImportsTheConsole = noClasses()
            .that().resideOutsideOfPackage("io.verso.registry.console..")
            .should().dependOnClassesThat().resideInAPackage("io.verso.registry.console..");

    /**
     * The deployment state machine is plain Java: testable without Spring or a database. The label rule it applies
     * is the one the gateway and the pods share, from {@code contracts} (plain Java too).
     */
    @ArchTest
    static final ArchRule stateMachineIsPlainJava = classes()
            .that().belongToAnyOf(DeploymentRouting.class, Transition.class, TransitionRejected.class)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.verso.registry.deployment",
                    "io.verso.registry.error..", "io.verso.contracts..");

    /** web holds what every HTTP feature shares and imports none of them: only the domain errors it renders. */
    @ArchTest
    static final ArchRule webIsShared = noClasses()
            .that().resideInAPackage("io.verso.registry.web..")
            .should().dependOnClassesThat(resideInAPackage("io.verso.registry..")
                    .and(resideOutsideOfPackages("io.verso.registry.web..", "io.verso.registry.error..")));

    /**
     * Services speak the registry's terms (domain errors with a kind), not HTTP: only the HTTP edge names a status
     * or builds a response with one. The edge is web (the problem handler and the kind → status mapping), the
     * console (its pages), controllers, and the servlet filters and security's entry point and access-denied
     * handler, which answer before any controller runs.
     */
    @ArchTest
    static final ArchRule onlyTheHttpEdgeSpeaksHttpStatus = noClasses()
            .that().resideOutsideOfPackages("io.verso.registry.web..", "io.verso.registry.console..")
            .and().areNotAnnotatedWith(RestController.class)
            .and().areNotAnnotatedWith(Controller.class)
            .and().areNotAssignableTo(Filter.class)
            .and().areNotAssignableTo(AuthenticationEntryPoint.class)
            .and().areNotAssignableTo(AccessDeniedHandler.class)
            .should().dependOnClassesThat().belongToAnyOf(HttpStatus.class, HttpStatusCode.class, ResponseEntity.class,
                    ResponseStatusException.class, ProblemDetail.class);
}
