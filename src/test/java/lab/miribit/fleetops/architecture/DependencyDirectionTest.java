package lab.miribit.fleetops.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps data flowing one way: transports → operations → domain → gateways, and SDKs inside their gateways. */
class DependencyDirectionTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("lab.miribit.fleetops");

    @Test
    void transportsReachTheFleetOnlyThroughOperationsAndStatus() {
        noClasses().that().resideInAPackage("..fleetops.api..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.argocd..", "..fleetops.fleet..",
                        "..fleetops.sync..", "..fleetops.demo..", "io.fabric8..")
                .check(MAIN);
    }

    @Test
    void operationsKnowNoDomainNorGateway() {
        noClasses().that().resideInAPackage("..fleetops.operations..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.sync..", "..fleetops.argocd..",
                        "..fleetops.fleet..", "..fleetops.api..", "..fleetops.status..", "io.fabric8..")
                .check(MAIN);
    }

    @Test
    void gatewaysDoNotReachUpIntoDomainOrTransports() {
        noClasses().that().resideInAnyPackage("..fleetops.argocd..", "..fleetops.fleet..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.sync..", "..fleetops.operations..",
                        "..fleetops.api..", "..fleetops.status..", "..fleetops.demo..")
                .check(MAIN);
    }

    @Test
    void onlyTheDemoUsesTheEmbeddedApiServer() {
        noClasses().that().resideOutsideOfPackage("..fleetops.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client.server.mock..",
                        "io.fabric8.mockwebserver..")
                .check(MAIN);
    }
}
