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

    /** A chat platform is an adapter; the chat service, like every transport, reaches the fleet through the door and the read side. */
    @Test
    void chatReachesNoGatewayNorDomainRule() {
        noClasses().that().resideInAPackage("..fleetops.chat..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.argocd..", "..fleetops.fleet..",
                        "..fleetops.gitlab..", "..fleetops.storage..", "..fleetops.certs..", "..fleetops.sync..",
                        "..fleetops.rollback..", "..fleetops.bootstrap..", "..fleetops.demo..", "..fleetops.api..",
                        "io.fabric8..", "io.minio..", "org.gitlab4j..")
                .check(MAIN);
    }

    @Test
    void theSharedChatKnowsNoPlatformAndNoPlatformKnowsAnother() {
        noClasses().that().resideInAPackage("lab.miribit.fleetops.chat")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.chat.slack..", "..fleetops.chat.discord..",
                        "..fleetops.chat.mattermost..", "com.slack.api..", "net.dv8tion..")
                .check(MAIN);
        noClasses().that().resideInAPackage("..fleetops.chat.slack..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.chat.discord..", "..fleetops.chat.mattermost..")
                .check(MAIN);
        noClasses().that().resideInAPackage("..fleetops.chat.discord..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.chat.slack..", "..fleetops.chat.mattermost..")
                .check(MAIN);
        noClasses().that().resideInAPackage("..fleetops.chat.mattermost..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.chat.slack..", "..fleetops.chat.discord..")
                .check(MAIN);
    }

    /** Each SDK stays inside the one gateway that talks to its system. */
    @Test
    void eachSdkStaysInItsGateway() {
        noClasses().that().resideOutsideOfPackage("..fleetops.chat.slack..")
                .should().dependOnClassesThat().resideInAPackage("com.slack.api..").check(MAIN);
        noClasses().that().resideOutsideOfPackage("..fleetops.chat.discord..")
                .should().dependOnClassesThat().resideInAPackage("net.dv8tion..").check(MAIN);
        noClasses().that().resideOutsideOfPackage("..fleetops.storage..")
                .should().dependOnClassesThat().resideInAPackage("io.minio..").check(MAIN);
        noClasses().that().resideOutsideOfPackage("..fleetops.gitlab..")
                .should().dependOnClassesThat().resideInAPackage("org.gitlab4j..").check(MAIN);
    }

    /** The door knows no domain package: handlers plug into it, not the other way round. */
    @Test
    void theDoorKnowsNoDomainPackage() {
        noClasses().that().resideInAPackage("..fleetops.operations..")
                .should().dependOnClassesThat().resideInAnyPackage("..fleetops.rollback..", "..fleetops.bootstrap..",
                        "..fleetops.diagnostics..", "..fleetops.checks..", "..fleetops.chat..", "..fleetops.gitlab..",
                        "..fleetops.storage..", "..fleetops.certs..")
                .check(MAIN);
    }

    /** Production never contains the demo: nothing outside it may need it. */
    @Test
    void nothingOutsideTheDemoNeedsIt() {
        noClasses().that().resideOutsideOfPackage("..fleetops.demo..")
                .should().dependOnClassesThat().resideInAPackage("..fleetops.demo..").check(MAIN);
    }
}
