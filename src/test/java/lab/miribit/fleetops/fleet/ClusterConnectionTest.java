package lab.miribit.fleetops.fleet;

import static lab.miribit.fleetops.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.FleetTestResource;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/** Edge clusters are reached with the credentials of their Argo CD Secrets, each within its own timeout. */
@QuarkusTest
class ClusterConnectionTest {

    @Inject
    ConnectionMonitor monitor;

    @Inject
    Fleet fleetRegistry;

    @InjectFleet
    EmbeddedFleet fleet;

    @Test
    void aHangingEdgeIsMarkedFailedWithinItsTimeoutWhileTheOthersAnswer() {
        monitor.probeAll();

        Connection hanging = monitor.connection(FleetTestResource.HANGING_CLUSTER);
        assertThat(hanging.state()).isEqualTo(Connection.State.Failed);
        assertThat(hanging.message()).startsWith("no answer within");
        for (String edge : EmbeddedFleet.EDGES) {
            Connection healthy = monitor.connection(edge);
            assertThat(healthy.state()).as(edge).isEqualTo(Connection.State.Successful);
            // Probed side by side: the healthy clusters' answers were in before the hanging one gave up.
            assertThat(healthy.checkedAt()).as(edge).isBefore(hanging.checkedAt());
        }
        assertThat(monitor.connection("cluster-01").state()).isEqualTo(Connection.State.Successful);

        as(Tokens.viewer()).get("/api/v1/clusters/" + FleetTestResource.HANGING_CLUSTER).then().statusCode(200)
                .body("connection.state", equalTo("Failed")).body("connection.message", startsWith("no answer within"));
        as(Tokens.viewer()).get("/api/v1/clusters/cluster-02").then().statusCode(200)
                .body("connection.state", equalTo("Successful"));
    }

    @Test
    void clusterSecretsDefineTheFleetAndTheirRoles() {
        List<Cluster> clusters = fleetRegistry.clusters();
        assertThat(clusters.get(0).name()).isEqualTo("cluster-01");
        assertThat(clusters.get(0).role()).isEqualTo(ClusterRole.CENTRAL);
        assertThat(clusters.get(0).inCluster()).isTrue();
        assertThat(clusters).extracting(Cluster::name).contains("cluster-02", "cluster-03", "cluster-04",
                FleetTestResource.HANGING_CLUSTER);
        assertThat(fleetRegistry.require("cluster-03").role()).isEqualTo(ClusterRole.EDGE);
        assertThat(fleetRegistry.forDestination("https://kubernetes.default.svc/", null)).map(Cluster::name).hasValue("cluster-01");
        assertThat(fleetRegistry.forDestination(null, "in-cluster")).map(Cluster::name).hasValue("cluster-01");
    }

    @Test
    void aClusterSecretWithUnusableConfigFailsOnlyThatCluster() {
        var secret = new DemoFleetSeed("argocd").clusterSecret("cluster-06", "https://localhost:1", "edge", "t", "x");
        secret.getStringData().put("config", "{not json");
        fleet.central().client().secrets().inNamespace("argocd").resource(secret).create();
        try {
            org.awaitility.Awaitility.await().until(() -> fleetRegistry.find("cluster-06").isPresent());
            monitor.probeAll();
            Connection broken = monitor.connection("cluster-06");
            assertThat(broken.state()).isEqualTo(Connection.State.Failed);
            assertThat(broken.message()).isEqualTo("cluster Secret cluster-cluster-06 has a 'config' that is not valid JSON");
            assertThat(monitor.connection("cluster-02").state()).isEqualTo(Connection.State.Successful);
        } finally {
            fleet.central().client().secrets().inNamespace("argocd").withName("cluster-cluster-06").delete();
            org.awaitility.Awaitility.await().until(() -> fleetRegistry.find("cluster-06").isEmpty());
        }
    }
}
