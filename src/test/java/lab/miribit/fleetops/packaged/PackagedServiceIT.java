package lab.miribit.fleetops.packaged;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.GitLabStandIn;
import lab.miribit.fleetops.testing.InjectGitLab;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.Tokens;

/**
 * The packaged service — the JVM jar here, the native executable where GraalVM builds one — started as its own
 * process against the same loopback peers as the other tests: what the native image could break (reflection for
 * JSON models, resources on the classpath, TLS to the API servers, JWT verification, S3's XML, Slack's JSON).
 */
@QuarkusIntegrationTest
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PackagedServiceIT {

    @InjectGitLab
    GitLabStandIn gitlab;

    /** Before anything happened: every check listed (pending, with its next run), every counter series at 0. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void whatAUserSeesRightAfterStartIsComplete() {
        as(Tokens.viewer()).get("/api/v1/checks").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.containsInAnyOrder("certificates", "drift", "s3"))
                .body("status", org.hamcrest.Matchers.everyItem(equalTo("pending")))
                .body("nextRunAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern("(?s).*\\nfleet_operations_total\\{(?=[^}]*kind=\"sync\")"
                        + "(?=[^}]*outcome=\"failed\")(?=[^}]*via=\"rest\")[^}]*} 0\\.0\\n.*"));
    }

    @Test
    void healthMetricsAndOpenApiAnswer() {
        Management.given().get("/q/health/ready").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("fleet_applications"))
                .body(containsString("fleet_cluster_connection"));
        Management.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/sync"));
        // The production build has no Swagger UI, and nothing of the management interface is on the API's port.
        Management.given().get("/q/swagger-ui/").then().statusCode(404);
        for (String path : java.util.List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/swagger-ui/")) {
            RestAssured.get(path).then().statusCode(404);
        }
    }

    @Test
    void readsAndASyncGoThroughTheApplicationModelOverTls() {
        as(Tokens.viewer()).get("/api/v1/clusters").then().statusCode(200).body("find { it.name == 'cluster-03' }.role", equalTo("edge"));
        as(Tokens.viewer()).get("/api/v1/apps/grafana-cluster-01").then().statusCode(200).body("sync.status", equalTo("OutOfSync"));
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-04/sync").then().statusCode(202)
                .extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("state")).isEqualTo("succeeded");
    }

    @Test
    void badInputIsAProblemAndTokensAreVerified() {
        json(Tokens.operator(), "{\"prune\":").post("/api/v1/apps/longhorn-cluster-04/sync").then().statusCode(400)
                .contentType("application/problem+json");
        as("not-a-jwt").get("/api/v1/clusters").then().statusCode(401);
        // The production build has no HTTP Basic at all: the demo's users (whose password the README prints) open nothing.
        RestAssured.given().auth().preemptive().basic("admin", "demo").get("/api/v1/clusters").then().statusCode(401);
        RestAssured.given().auth().preemptive().basic("admin", "demo").contentType("application/json").body("{\"dryRun\":true}")
                .post("/api/v1/bootstrap").then().statusCode(401);
        as(Tokens.viewer()).get("/api/v1/apps/Not_A_Name").then().statusCode(400).body("detail", containsString("invalid app name"));
    }

    @Test
    void chatCatalogS3AndCertificatesWork() {
        JsonPath help = json(Tokens.viewer(), "{\"text\":\"help\"}").post("/api/v1/chat").then().statusCode(200).extract().jsonPath();
        assertThat(help.getString("text")).contains("/fleet bootstrap [--dry-run]");
        as(Tokens.operator()).post("/api/v1/checks/s3/run").then().statusCode(200).body("status", equalTo("critical"));
        as(Tokens.operator()).post("/api/v1/checks/certificates/run").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void aGitLabRevertUsesTheGatewayAndBootstrapsPlanIsServed() {
        gitlab.reset();
        String sha = gitlab.mainCommits().get(1).shortId();
        String id = json(Tokens.admin(), "{\"sha\":\"" + sha + "\"}").post("/api/v1/git/revert").then().statusCode(202).extract().path("id");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("message")).contains("grafana-cluster-01");
        as(Tokens.admin()).get("/api/v1/bootstrap").then().statusCode(200).body("steps.size()", equalTo(20));
    }
}
