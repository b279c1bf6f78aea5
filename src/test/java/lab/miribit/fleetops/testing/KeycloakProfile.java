package lab.miribit.fleetops.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** fleet-ops against a real Keycloak instead of the WireMock OIDC server, on the shared kind of embedded fleet. */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FleetTestResource.class), new TestResourceEntry(KeycloakResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
