package lab.miribit.fleetops.faults;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.argocd.ApplicationCache;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedApiServer;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.fleet.Connection;
import lab.miribit.fleetops.fleet.ConnectionMonitor;
import lab.miribit.fleetops.fleet.Fleet;
import lab.miribit.fleetops.testing.TcpLink;
import lab.miribit.fleetops.testing.FleetTestResource;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Five edge clusters, one of them dead (it accepts connections and never answers) and one slow (every answer
 * held back, yet within the timeout): reads that fan out to the edges use the slow one's answers, say what
 * they could not read from the dead one, and are flagged partial instead of failing or hiding the gap.
 */
@QuarkusTest
class SlowAndDeadEdgesTest {

    private static final String SLOW = "cluster-06";
    private static final String DEAD = FleetTestResource.HANGING_CLUSTER;
    private static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("applications").withNamespaced(true).build();

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    Fleet clusters;

    @Inject
    ApplicationCache applications;

    @Inject
    ConnectionMonitor connections;

    private EmbeddedApiServer slowServer;
    private TcpLink slowLink;

    @BeforeEach
    void addASlowEdgeAndAnUnhealthyAppOnItAndOnTheDeadOne() throws Exception {
        slowServer = new EmbeddedApiServer(SLOW).start();
        new DemoFleetSeed("argocd").seedEdge(slowServer.client(), true);
        slowLink = new TcpLink(URI.create(slowServer.url()).getPort());
        // Every piece of every answer waits 100 ms (loopback answers in well under 1 ms): a request on a new TLS
        // connection takes a few of them, well within the 1 s timeout.
        slowLink.slowDown(Duration.ofMillis(100));
        KubernetesClient central = fleet.central().client();
        DemoFleetSeed seed = new DemoFleetSeed("argocd");
        central.secrets().inNamespace("argocd").resource(seed.clusterSecret(SLOW, "https://localhost:" + slowLink.port(), "edge",
                "token-of-a-slow-cluster", slowServer.caData())).create();
        for (String cluster : List.of(SLOW, DEAD)) {
            central.genericKubernetesResources(APPLICATIONS).inNamespace("argocd").resource(degraded(seed, cluster)).create();
        }
        await().until(() -> clusters.find(SLOW).isPresent() && applications.find(app(SLOW)).isPresent()
                && applications.find(app(DEAD)).isPresent());
    }

    @AfterEach
    void removeThem() {
        KubernetesClient central = fleet.central().client();
        for (String cluster : List.of(SLOW, DEAD)) {
            central.genericKubernetesResources(APPLICATIONS).inNamespace("argocd").withName(app(cluster)).delete();
        }
        central.secrets().inNamespace("argocd").withName("cluster-" + SLOW).delete();
        await().until(() -> clusters.find(SLOW).isEmpty() && applications.find(app(SLOW)).isEmpty()
                && applications.find(app(DEAD)).isEmpty());
        slowLink.close();
        slowServer.close();
    }

    @Test
    void fannedOutReadsUseTheSlowEdgeAndFlagWhatTheDeadOneCouldNotTell() {
        assertThat(clusters.clusters().stream().filter(c -> !c.inCluster()).map(c -> c.name()))
                .containsExactlyInAnyOrder("cluster-02", "cluster-03", "cluster-04", DEAD, SLOW);

        connections.probeAll();
        assertThat(connections.connection(SLOW).state()).isEqualTo(Connection.State.Successful);
        assertThat(connections.connection(DEAD).state()).isEqualTo(Connection.State.Failed);
        for (String edge : EmbeddedFleet.EDGES) {
            assertThat(connections.connection(edge).state()).as(edge).isEqualTo(Connection.State.Successful);
        }

        JsonPath report = as(Tokens.viewer()).get("/api/v1/diagnostics").then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("complete")).as(report.prettify()).isFalse();
        List<Map<String, String>> gaps = report.getList("gaps");
        assertThat(gaps).as(report.prettify()).containsExactly(Map.of("source", "cluster/" + DEAD,
                "reason", "pods and claims could not be read: the API server did not answer in time"));
        // The slow edge's pods were read and are the evidence of its application's finding.
        assertThat(evidence(report, "app/" + app(SLOW))).anyMatch(line -> line.startsWith("pod fluent-bit-node1 on " + SLOW
                + ": container fluent-bit CrashLoopBackOff"));
        // The dead edge's application is still reported from what Argo CD knows, saying what could not be read.
        assertThat(evidence(report, "app/" + app(DEAD))).contains("on " + DEAD + ", pods and claims could not be read: the API"
                + " server did not answer in time");
        assertThat(report.getList("findings.target", String.class)).contains("cluster/" + DEAD).doesNotContain("cluster/" + SLOW);
        assertThat(slowLink.delayedAnswers()).isPositive();

        JsonPath chat = json(Tokens.viewer(), "{\"text\":\"diagnose\"}").post("/api/v1/chat").then().statusCode(200).extract()
                .jsonPath();
        assertThat(chat.getString("reply.title")).startsWith("Diagnosis of fleet (partial):");
        assertThat(chat.getList("reply.lines", String.class).get(0)).isEqualTo("⚠ not seen · cluster/" + DEAD
                + ": pods and claims could not be read: the API server did not answer in time");

        // The certificate check reads every edge's API server certificate: the slow one's is there, the dead one is an error.
        JsonPath certs = as(Tokens.operator()).post("/api/v1/checks/certificates/run").then().statusCode(200).extract().jsonPath();
        assertThat(certs.getString("items.find { it.target == 'cluster/" + SLOW + "' && it.details.source == 'api-server' }.status"))
                .as(certs.prettify()).isEqualTo("ok");
        assertThat(certs.getString("items.find { it.target == 'cluster/" + DEAD + "' }.status")).isEqualTo("error");
        assertThat(certs.getString("status")).isIn("error", "critical");
    }

    @Test
    void aDiagnosisOfTheSlowEdgeAloneIsComplete() {
        JsonPath report = as(Tokens.viewer()).get("/api/v1/diagnostics?cluster=" + SLOW).then().statusCode(200).extract().jsonPath();
        assertThat(report.getBoolean("complete")).as(report.prettify()).isTrue();
        assertThat(report.getList("gaps")).isEmpty();
        assertThat(evidence(report, "app/" + app(SLOW))).anyMatch(line -> line.contains("CrashLoopBackOff"));
    }

    private static List<String> evidence(JsonPath report, String target) {
        return report.getList("findings.find { it.target == '" + target + "' }.evidence", String.class);
    }

    private static String app(String cluster) {
        return "fluent-bit-" + cluster;
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource degraded(DemoFleetSeed seed, String cluster) {
        GenericKubernetesResource app = seed.application(new DemoFleetSeed.DemoApp(app(cluster), cluster, "edge", "fluent-bit",
                "logging", 4), "cluster-01");
        // No Argo CD controller runs here to honour the resources finalizer: without it, deleting the app deletes it.
        app.getMetadata().setFinalizers(null);
        Map<String, Object> status = (Map<String, Object>) app.getAdditionalProperties().get("status");
        status.put("health", Map.of("status", "Degraded", "message", "DaemonSet fluent-bit has 0 of 3 pods ready"));
        return app;
    }
}
