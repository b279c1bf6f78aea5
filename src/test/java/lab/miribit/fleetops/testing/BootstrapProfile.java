package lab.miribit.fleetops.testing;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * A fresh central cluster for the bootstrap (the shared fleet is already bootstrapped and must stay as it is),
 * with the same S3, GitLab and identity provider stand-ins. Tests sharing this class share one application start.
 */
public class BootstrapProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BootstrapFleetResource.class), new TestResourceEntry(OidcWiremockTestResource.class),
                new TestResourceEntry(S3ServerResource.class), new TestResourceEntry(GitLabStandInResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
