package dev.ebb.simulator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The simulator runs the controller's own policy, reconciler and plan executor against a model of
 * SQS and ECS: the model holds no AWS type, and the simulator reaches the controller only through
 * its pure packages and ports, never its AWS adapters.
 */
class ArchitectureTest {

    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ebb.simulator");

    @Test
    void theModelHoldsNoAwsType() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..")
                .because("a simulated day must not depend on, or accidentally call, AWS")
                .check(SIMULATOR);
    }

    @Test
    void theControllerIsReachedThroughItsPureCoreAndPorts() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.ebb.controller.aws..", "dev.ebb.controller.lambda..")
                .because("the simulator acts through the real PlanExecutor on a TaskFleet of its own")
                .check(SIMULATOR);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ebb.simulator.(*)..").should().beFreeOfCycles().check(SIMULATOR);
    }
}
