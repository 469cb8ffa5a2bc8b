package dev.ebb.image.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is a library of pure image work: no AWS, no Vert.x, no queue; its geometry and key
 * naming know nothing of pixels' sources; no two packages depend on each other in a circle.
 */
class ArchitectureTest {

    private static final JavaClasses IMAGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ebb.image");

    @Test
    void theEngineKnowsNothingOfAwsOrTheWorker() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "io.vertx..", "dev.ebb.worker..", "dev.ebb.controller..")
                .because("ebb resize, the worker and the tests all run the same engine")
                .check(IMAGE);
    }

    @Test
    void geometryAndNamingArePure() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.ebb.image.geometry..", "dev.ebb.image.naming..", "dev.ebb.image.spec..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.awt..",
                        "javax.imageio..",
                        "java.lang.foreign..",
                        "dev.ebb.image.decode..",
                        "dev.ebb.image.encode..",
                        "dev.ebb.image.turbojpeg..")
                .because("resize geometry and key naming are table-tested decisions, apart from the pixels")
                .check(IMAGE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.ebb.image.(*)..").should().beFreeOfCycles().check(IMAGE);
    }
}
