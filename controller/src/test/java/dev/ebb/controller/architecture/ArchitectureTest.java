package dev.ebb.controller.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The controller's shape, checked: the decision logic (policy, reconcile) knows nothing of AWS,
 * the ports (port/) are apart from the adapters (aws/) and only the wiring reaches the adapters,
 * and no two packages depend on each other in a circle.
 */
class ArchitectureTest {

    private static final JavaClasses CONTROLLER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ebb.controller");

    @Test
    void theDecisionLogicHasNoAwsTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ebb.controller.policy..", "dev.ebb.controller.reconcile..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..")
                .because("the policy and the reconciler are pure: table-tested without AWS, reused by the simulator")
                .check(CONTROLLER);
    }

    @Test
    void adaptersAreReachedOnlyThroughPorts() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.ebb.controller.policy..",
                        "dev.ebb.controller.reconcile..",
                        "dev.ebb.controller.act..",
                        "dev.ebb.controller.report..",
                        "dev.ebb.controller.port..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.ebb.controller.aws..")
                .because("the cycle is wired with adapters (cycle.Wiring, Controller); everything else sees port/")
                .check(CONTROLLER);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ebb.controller.(*)..").should().beFreeOfCycles().check(CONTROLLER);
    }
}
