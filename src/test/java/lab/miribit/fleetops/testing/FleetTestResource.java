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

    private EmbeddedFleet fleet;
    private HangingServer hanging;
    private SlackStandIn slack;

    /** The signing secret of the test's Slack app. */
    public static final String SLACK_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @Override
    public Map<String, String> start() {
        fleet = new EmbeddedFleet("cluster-01", "argocd", Duration.ofMillis(150)).start();
        try {
            hanging = new HangingServer();
            slack = new SlackStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fleet.central().client().secrets().inNamespace("argocd").resource(new DemoFleetSeed("argocd").clusterSecret(
                HANGING_CLUSTER, "https://localhost:" + hanging.port(), "edge", "token-of-a-hanging-cluster",
                fleet.central().caData())).create();
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "fleet.slack.enabled", "true",
                "fleet.slack.mode", "http",
                "fleet.slack.signing-secret", SLACK_SIGNING_SECRET,
                "fleet.slack.bot-token", "xoxb-0000-test-bot-token",
                "fleet.slack.api-url", slack.apiUrl(),
                "fleet.slack.response-url-hosts", "127.0.0.1",
                "fleet.chat.roles.fleet-operator", "UOPERATOR1,200000000000000001",
                "fleet.chat.roles.fleet-admin", "UADMIN0001,300000000000000003"));
        config.putAll(Map.of(
                "quarkus.kubernetes-client.api-server-url", fleet.central().url(),
                "quarkus.kubernetes-client.ca-cert-data", fleet.central().caData(),
                "quarkus.kubernetes-client.trust-certs", "false",
                "quarkus.kubernetes-client.namespace", "argocd",
                "fleet.clusters.connect-timeout", "1s",
                "fleet.clusters.request-timeout", "1s",
                "fleet.clusters.probe-interval", "1h",
                "fleet.sync.wave-timeout", "3s",
                "fleet.sync.refresh-timeout", "10s",
                "fleet.status.recount-interval", "1s"));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fleet, new TestInjector.AnnotatedAndMatchesType(InjectFleet.class, EmbeddedFleet.class));
        injector.injectIntoFields(slack, new TestInjector.AnnotatedAndMatchesType(InjectSlack.class, SlackStandIn.class));
    }

    @Override
    public void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (slack != null) {
            slack.close();
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
