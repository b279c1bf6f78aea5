package lab.miribit.fleetops.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import lab.miribit.fleetops.testing.DemoProfile;

/** The demo profile as a new user meets it: the embedded fleet and the four demo users over HTTP Basic. */
@QuarkusTest
@TestProfile(DemoProfile.class)
class DemoProfileTest {

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, "demo");
    }

    /**
     * The demo stays on loopback: a bootstrap dry run reads the demo's own install manifests. Every connection the
     * JVM's HTTP clients would open elsewhere is recorded and refused (a proxy on a closed loopback port), so a fetch
     * from the internet fails the step as it would on a machine without one.
     */
    @Test
    void aBootstrapDryRunInTheDemoStaysOnLoopback() {
        List<java.net.URI> outbound = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.ProxySelector previous = java.net.ProxySelector.getDefault();
        java.net.ProxySelector.setDefault(new java.net.ProxySelector() {
            @Override
            public List<java.net.Proxy> select(java.net.URI uri) {
                String host = uri.getHost() == null ? "" : uri.getHost();
                if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) {
                    return List.of(java.net.Proxy.NO_PROXY);
                }
                outbound.add(uri);
                return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, new java.net.InetSocketAddress("127.0.0.1", 9)));
            }

            @Override
            public void connectFailed(java.net.URI uri, java.net.SocketAddress address, java.io.IOException e) {
            }
        });
        try {
            String id = as("admin").contentType(ContentType.JSON).body("{\"dryRun\":true,\"steps\":[\"argocd-install\"]}")
                    .post("/api/v1/bootstrap").then().statusCode(202).extract().path("id");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> List.of("succeeded", "failed")
                    .contains(as("viewer").get("/api/v1/operations/" + id).jsonPath().getString("state")));
            io.restassured.path.json.JsonPath done = as("viewer").get("/api/v1/operations/" + id).jsonPath();
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(done.getString("steps[0].message")).startsWith("dry run, would apply 6 objects");
        } finally {
            java.net.ProxySelector.setDefault(previous);
        }
        assertThat(outbound).as("connections beyond loopback").isEmpty();
    }

    @Test
    void theDemoFleetIsListedForTheViewer() {
        org.awaitility.Awaitility.await().untilAsserted(() -> as("viewer").get("/api/v1/clusters").then().statusCode(200)
                .body("name", hasItems("cluster-01", "cluster-02", "cluster-03", "cluster-04"))
                .body("find { it.name == 'cluster-03' }.connection.state", equalTo("Successful")));
        as("viewer").get("/api/v1/apps?cluster=cluster-03").then().statusCode(200).body("size()", equalTo(5));
    }

    @Test
    void eachDemoUserHasItsRole() {
        as("viewer").contentType(ContentType.JSON).body("{}").post("/api/v1/clusters/cluster-03/sync").then().statusCode(403);
        as("ci").get("/api/v1/clusters").then().statusCode(403);
        as("ci").get("/api/v1/operations").then().statusCode(200);
        as("admin").get("/api/v1/audit").then().statusCode(200);
        given().auth().preemptive().basic("admin", "wrong").get("/api/v1/clusters").then().statusCode(401);
        given().auth().preemptive().basic("root", "demo").get("/api/v1/clusters").then().statusCode(401);
        // The demo's users log in with Basic: the challenge offers it.
        org.assertj.core.api.Assertions.assertThat(given().get("/api/v1/clusters").then().statusCode(401).extract().headers()
                .getValues("WWW-Authenticate")).anyMatch(challenge -> challenge.startsWith("Basic realm="));
    }

    @Test
    void theOperatorSyncsCluster03WaveByWave() {
        String id = as("operator").contentType(ContentType.JSON).body("{}").post("/api/v1/clusters/cluster-03/sync").then()
                .statusCode(202).extract().path("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                as("viewer").get("/api/v1/operations/" + id).then().body("state", equalTo("succeeded")));
        List<String> steps = as("viewer").get("/api/v1/operations/" + id).then().extract().jsonPath().getList("steps.name");
        assertThat(steps).hasSize(5).first().asString().startsWith("wave 0");
    }

    @Test
    void theGitLabWebhookRefusesEveryDeliveryWhileNoSecretIsConfigured() {
        io.restassured.RestAssured.given().contentType("application/json").header("X-Gitlab-Token", "")
                .header("X-Gitlab-Event", "Push Hook").body("{\"object_kind\":\"push\"}").post("/hooks/gitlab").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("set fleet.gitlab.webhook.secret"));
        io.restassured.RestAssured.given().contentType("application/json").body("{\"object_kind\":\"push\"}")
                .post("/hooks/gitlab").then().statusCode(403);
    }
}
