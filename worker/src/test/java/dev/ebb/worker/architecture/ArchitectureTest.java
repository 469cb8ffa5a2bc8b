package dev.ebb.worker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ebb.worker.WorkerRuntime;
import dev.ebb.worker.event.S3Events;
import org.junit.jupiter.api.Test;

/**
 * The worker's shape, checked: the ports (port/) are apart from the AWS adapters (aws/), which only
 * the wiring reaches; the stages hold no AWS type; no two packages depend on each other in a
 * circle.
 */
class ArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ebb.worker");

    /** Builds the SDK's clients and hands them to the adapters (it and its nested classes): the one place outside aws/ that must name them. */
    private static final Class<?> WIRING = WorkerRuntime.class;

    /**
     * Reads the S3 event JSON with the SDK's event-notification library: a parser of a document
     * format, no client and no call to AWS, so it stays with the other stages' parsing.
     */
    private static final Class<?> EVENT_PARSER = S3Events.class;

    @Test
    void theStagesHoldNoAwsTypes() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ebb.worker.aws..")
                .and()
                .doNotBelongToAnyOf(WIRING, EVENT_PARSER)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..")
                .because("only the adapters in aws/ speak the SDK; the stages see port/ and port.Fault")
                .check(WORKER);
    }

    @Test
    void adaptersAreReachedOnlyThroughPorts() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.ebb.worker.aws..")
                .and()
                .doNotBelongToAnyOf(WIRING)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.ebb.worker.aws..")
                .because("WorkerRuntime wires the adapters; the stages see only port/")
                .check(WORKER);
    }

    @Test
    void thePortsNeedNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("dev.ebb.worker.port..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.ebb.worker.port..", "java..")
                .because("a port is the stages' contract with the world: an adapter or a test double implements it"
                        + " without bringing a stage, a client or a framework along")
                .check(WORKER);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ebb.worker.(*)..").should().beFreeOfCycles().check(WORKER);
    }
}
