package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;

/**
 * The fleet every test runs against: the embedded demo fleet (central + three edges over TLS, the simulated
 * Argo CD) plus a fifth cluster whose API server accepts connections and never answers. fleet-ops connects
 * to it through its normal configuration, as to a real cluster.
 */
public class FleetTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String HANGING_CLUSTER = "cluster-05";
    /** The bearer token fleet-ops' own client presents to the central API server. */
    public static final String SERVICE_TOKEN = "fleet-ops-service-account-token";

    private EmbeddedFleet fleet;
    private HangingServer hanging;

    @Override
    public Map<String, String> start() {
        fleet = new EmbeddedFleet("cluster-01", "argocd", Duration.ofMillis(150)).start();
        fleet.central().recordRequestsOf(SERVICE_TOKEN);
        try {
            hanging = new HangingServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fleet.central().client().secrets().inNamespace("argocd").resource(new DemoFleetSeed("argocd").clusterSecret(
                HANGING_CLUSTER, "https://localhost:" + hanging.port(), "edge", "token-of-a-hanging-cluster",
                fleet.central().caData())).create();
        Map<String, String> config = new CentralClientConfig(fleet.central().url(), fleet.central().caData(), "argocd").properties();
        config.putAll(Map.of(
                "fleet.clusters.connect-timeout", "1s",
                "fleet.clusters.request-timeout", "1s",
                "fleet.clusters.probe-interval", "1h",
                "fleet.sync.wave-timeout", "3s",
                "fleet.sync.refresh-timeout", "10s",
                "fleet.status.recount-interval", "1s"));
        config.put("fleet.certs.timeout", "1s");
        // The service's own requests are told apart from the fixtures' by this token (RbacCoverageTest).
        config.put("quarkus.kubernetes-client.token", SERVICE_TOKEN);
        config.put("fleet.drift.interval", "1h");
        // Checks run when a test asks for them, never on the schedule in the middle of another test.
        config.put("fleet.checks.first-run-delay", "1h");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fleet, new TestInjector.AnnotatedAndMatchesType(InjectFleet.class, EmbeddedFleet.class));
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.close();
        }
        try {
            if (hanging != null) {
                hanging.close();
            }
        } catch (IOException ignored) {
            // the test run is over; nothing depends on this socket any more
        }
    }
}
