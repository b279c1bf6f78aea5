package lab.miribit.fleetops.testing;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The demo profile as a new user runs it (embedded fleet, demo users over HTTP Basic), with fast simulated syncs
 * and Slack in HTTP mode and Mattermost against their loopback stand-in. Tests sharing this class share one
 * application start.
 */
public class DemoProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "demo";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        // Mattermost's buttons call back to fleet-ops' public address.
        return Map.of("fleet.demo.sync-duration", "100ms", "fleet.public-url", "http://localhost:8081");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SlackStandInResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
