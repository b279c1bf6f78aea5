package lab.miribit.fleetops.api;

import static lab.miribit.fleetops.testing.Api.as;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static lab.miribit.fleetops.testing.Api.oversized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import lab.miribit.fleetops.demo.DemoFleetSeed;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.Tokens;

/** What the REST API shows and how it refuses bad input. */
@QuarkusTest
class ApiBehaviourTest {

    @InjectFleet
    EmbeddedFleet fleet;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void everyConfiguredCheckIsListedWithItsNextRunEvenBeforeItFirstRuns() {
        // The tests' schedule runs no check on its own (fleet.checks.first-run-delay=1h): one not run yet is pending.
        as(Tokens.viewer()).get("/api/v1/checks").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.hasItems("certificates", "drift", "s3"))
                .body("nextRunAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()))
                .body("status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.in(
                        List.of("pending", "ok", "warning", "critical", "error"))))
                .body("findAll { it.status == 'pending' }.checkedAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void clustersShowRoleConnectionAndAppCounts() {
        as(Tokens.viewer()).get("/api/v1/clusters").then().statusCode(200)
                .body("name", hasItems("cluster-01", "cluster-02", "cluster-03", "cluster-04"))
                .body("find { it.name == 'cluster-01' }.role", equalTo("central"))
                .body("find { it.name == 'cluster-01' }.server", equalTo("https://kubernetes.default.svc"))
                .body("find { it.name == 'cluster-03' }.role", equalTo("edge"))
                .body("find { it.name == 'cluster-03' }.apps.total", equalTo(5))
                .body("find { it.name == 'cluster-01' }.apps.total", equalTo(18));
        as(Tokens.viewer()).get("/api/v1/clusters/cluster-04").then().statusCode(200)
                .body("applications.name", hasItem(DemoFleetSeed.DEGRADED_APP))
                .body("applications.find { it.name == 'fluent-bit-cluster-04' }.health.status", equalTo("Degraded"));
    }

    @Test
    void appsCanBeFilteredAndShowTheSeededTrouble() {
        as(Tokens.viewer()).get("/api/v1/apps?sync=outofsync").then().statusCode(200)
                .body("name", hasItem(DemoFleetSeed.OUT_OF_SYNC_APP));
        as(Tokens.viewer()).get("/api/v1/apps?health=Progressing&cluster=cluster-01").then().statusCode(200)
                .body("name", hasItem(DemoFleetSeed.PROGRESSING_APP));
        as(Tokens.viewer()).get("/api/v1/apps?project=observability&cluster=cluster-02").then().statusCode(200)
                .body("size()", equalTo(5)).body("[0].repoURL", equalTo(DemoFleetSeed.REPO_URL))
                .body("[0].autoSync.enabled", equalTo(true)).body("[0].syncWave", notNullValue());
        as(Tokens.viewer()).get("/api/v1/apps/" + DemoFleetSeed.FAILING_APP).then().statusCode(200)
                .body("operation.phase", equalTo("Failed"))
                // A manual sync that failed leaves its operation state; only automated sync adds a SyncError condition.
                .body("conditions", org.hamcrest.Matchers.empty())
                .body("resources[0].kind", equalTo("Deployment"))
                .body("autoSync.enabled", equalTo(false));
        as(Tokens.viewer()).get("/api/v1/apps?health=Sick").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Healthy"));
    }

    @Test
    void invalidNamesAreRefusedBeforeAnyRequestReachesTheApiServer() {
        fleet.central().takeRequests();
        List<String> bad = List.of("Bad_Name", "UPPER", "a,b=c", "x".repeat(64), "-leading", "tab%09name", "..%2F..%2Fsecrets",
                "semi;colon");
        for (String name : bad) {
            json(Tokens.admin(), "{}").post("/api/v1/apps/" + name + "/sync").then().statusCode(400)
                    .contentType("application/problem+json").body("title", equalTo("Invalid input"));
            json(Tokens.admin(), "{}").post("/api/v1/clusters/" + name + "/sync").then().statusCode(400);
            as(Tokens.viewer()).get("/api/v1/apps/" + name).then().statusCode(400);
            as(Tokens.viewer()).get("/api/v1/clusters/" + name).then().statusCode(400);
        }
        json(Tokens.admin(), "{\"apps\":[\"ok-name\",\"../etc\"]}").post("/api/v1/sync").then().statusCode(400);
        json(Tokens.admin(), "{\"revision\":\"main; rm -rf /\"}").post("/api/v1/apps/longhorn-cluster-02/sync").then()
                .statusCode(400);
        // The schedule's leader election renews its Lease in the background; everything else must be absent.
        List<String> reached = fleet.central().takeRequests().stream().filter(r -> !r.contains("/apis/coordination.k8s.io/"))
                .toList();
        assertThat(reached).noneMatch(r -> r.contains("Bad_Name") || r.contains("UPPER") || r.contains("secrets/sync")
                || r.contains("etc") || !r.startsWith("GET"));
    }

    @Test
    void unknownAppClusterOrOperationIs404() {
        as(Tokens.viewer()).get("/api/v1/apps/no-such-app").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("application 'no-such-app' not found"));
        json(Tokens.operator(), "{}").post("/api/v1/apps/no-such-app/sync").then().statusCode(404);
        as(Tokens.viewer()).get("/api/v1/clusters/cluster-99").then().statusCode(404);
        json(Tokens.operator(), "{}").post("/api/v1/clusters/cluster-99/sync").then().statusCode(404);
        as(Tokens.viewer()).get("/api/v1/apps?cluster=cluster-99").then().statusCode(404);
        as(Tokens.viewer()).get("/api/v1/operations/op-aaaaaaaaaa").then().statusCode(404);
        as(Tokens.viewer()).get("/api/v1/operations/not-an-id").then().statusCode(404);
    }

    @Test
    void oversizedBodiesAre413AndMalformedJsonIs400() {
        String big = "{\"apps\":[\"" + "a".repeat(1024 * 1024 + 10) + "\"]}";
        oversized(json(Tokens.operator(), big)).post("/api/v1/sync").then().statusCode(413);
        json(Tokens.operator(), "{\"prune\": tru").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(400)
                .contentType("application/problem+json");
        json(Tokens.operator(), "{\"prunne\": true}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("unknown field 'prunne' in the request body"));
        json(Tokens.operator(), "{\"apps\": \"one\"}").post("/api/v1/sync").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedChunkedBodiesAreCutToo() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        List<byte[]> chunks = new ArrayList<>();
        chunks.add("{\"apps\":[\"".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 20; i++) {
            chunks.add(chunk);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sync"))
                .header("Authorization", "Bearer " + Tokens.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(chunks)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    /**
     * The unauthenticated routes (GitLab's webhook, Slack's events) cut an oversized chunked body the same way, with a
     * problem+json 413 and one log line: anyone can send them, so none may leave a stack trace.
     */
    @Test
    void oversizedChunkedBodiesOnUnauthenticatedRoutesAreOneLogLine() throws Exception {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLevel() + " " + record.getLoggerName() + " " + record.getMessage()
                        + (record.getThrown() == null ? "" : " THROWN " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            for (String path : List.of("/hooks/gitlab", "/slack/events")) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                List<byte[]> chunks = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    chunks.add(chunk);
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json").header("X-Gitlab-Token", lab.miribit.fleetops.testing.GitLabStandInResource.WEBHOOK_SECRET)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(chunks))).build();
                HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isIn(401, 413);
                assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).noneMatch(line -> line.startsWith("SEVERE") || line.contains(" THROWN "));
    }

    /** HTTP's own rules: a challenge with 401, problem+json for 414, 400 for a bad parameter, JSON bodies only. */
    @Test
    void answersFollowHttpsRules() {
        RestAssured.given().get("/api/v1/clusters").then().statusCode(401).header("WWW-Authenticate", "Bearer realm=\"fleet-ops\"");
        as("not-a-token").get("/api/v1/clusters").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"fleet-ops\", error=\"invalid_token\"");

        as(Tokens.viewer()).get("/api/v1/apps?cluster=" + "a".repeat(9000)).then().statusCode(414)
                .contentType("application/problem+json").body("status", equalTo(414));

        for (String limit : List.of("abc", "0", "5001", "-1", "1.5", "99999999999")) {
            as(Tokens.viewer()).get("/api/v1/operations?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("limit must be"));
        }
        as(Tokens.viewer()).get("/api/v1/operations?limit=3").then().statusCode(200);
        as(Tokens.operator()).post("/api/v1/apps/longhorn-cluster-02/refresh?hard=yes").then().statusCode(400)
                .body("detail", containsString("hard must be true or false"));

        // The Location names the configured public URL, never the Host the client sent.
        String location = json(Tokens.operator(), "{\"dryRun\":true}").header("Host", "evil.example")
                .post("/api/v1/apps/namespaces-cluster-02/sync").then().statusCode(202).extract().header("Location");
        assertThat(location).startsWith(lab.miribit.fleetops.testing.GitLabStandInResource.PUBLIC_URL + "/api/v1/operations/op-");
        awaitFinished(Tokens.viewer(), location.substring(location.lastIndexOf('/') + 1));

        // A form (what a browser posts cross-site) or text is refused before anything runs, with a body or without.
        RestAssured.given().auth().oauth2(Tokens.operator()).contentType("application/x-www-form-urlencoded").formParam("dryRun", "true")
                .post("/api/v1/apps/namespaces-cluster-02/sync").then().statusCode(415).contentType("application/problem+json");
        RestAssured.given().auth().oauth2(Tokens.operator()).contentType("application/x-www-form-urlencoded")
                .post("/api/v1/apps/longhorn-cluster-02/refresh").then().statusCode(415);
        RestAssured.given().auth().oauth2(Tokens.operator()).contentType("text/plain").body("{\"dryRun\":true}")
                .post("/api/v1/apps/namespaces-cluster-02/sync").then().statusCode(415);
        RestAssured.given().auth().oauth2(Tokens.operator()).contentType("application/json; charset=utf-16").body("{}")
                .post("/api/v1/apps/namespaces-cluster-02/sync").then().statusCode(415);
    }

    @Test
    void operationEventsStreamUntilTheOperationEnds() throws Exception {
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/longhorn-cluster-03/sync").then()
                .statusCode(202).extract().path("id");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/operations/" + id + "/events"))
                .header("Authorization", "Bearer " + Tokens.viewer()).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(line.substring(5));
                }
            }
        }
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).contains("\"state\":\"succeeded\"").contains(id);
    }

    @Test
    void everyActionIsAuditedAcceptedRefusedAndItsOutcome() {
        String since = java.time.Instant.now().minusMillis(1).toString();
        String id = json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/fluent-bit-cluster-03/sync").then()
                .statusCode(202).extract().path("id");
        awaitFinished(Tokens.viewer(), id);
        json(Tokens.operator(), "{\"revision\":\"other\"}").post("/api/v1/apps/fluent-bit-cluster-03/sync").then().statusCode(409);
        as(Tokens.viewer()).get("/api/v1/audit?since=" + since).then().statusCode(200)
                .body("findAll { it.operationId == '" + id + "' }.outcome", hasItems("accepted", "succeeded"))
                .body("find { it.outcome == 'refused' }.reason", containsString("Cannot sync to other"))
                .body("find { it.outcome == 'refused' }.caller", equalTo(Tokens.subjectOf("olivia")))
                .body("find { it.outcome == 'refused' }.callerName", equalTo("olivia"))
                .body("find { it.outcome == 'refused' }.target", equalTo("app/fluent-bit-cluster-03"));
        as(Tokens.viewer()).get("/api/v1/audit?since=yesterday").then().statusCode(400);
    }

    @Test
    void auditRecordsAreJsonLinesOnTheAuditLogger() throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger audit = java.util.logging.Logger.getLogger("fleet.audit");
        audit.addHandler(capture);
        try {
            json(Tokens.viewer(), "{}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(403);
            json(Tokens.admin(), "{\"revision\":\"v0\"}").post("/api/v1/apps/longhorn-cluster-02/sync").then().statusCode(409);
        } finally {
            audit.removeHandler(capture);
        }
        assertThat(lines).hasSize(2);
        com.fasterxml.jackson.databind.JsonNode forbidden = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
        assertThat(forbidden.get("caller").asText()).isEqualTo(Tokens.subjectOf("victor"));
        assertThat(forbidden.get("callerName").asText()).isEqualTo("victor");
        assertThat(forbidden.get("outcome").asText()).isEqualTo("refused");
        assertThat(forbidden.get("reason").asText()).isEqualTo("sync needs the role fleet-operator");
        com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1));
        assertThat(record.get("caller").asText()).isEqualTo(Tokens.subjectOf("ada"));
        assertThat(record.get("via").asText()).isEqualTo("rest");
        assertThat(record.get("command").asText()).isEqualTo("sync");
        assertThat(record.get("target").asText()).isEqualTo("app/longhorn-cluster-02");
        assertThat(record.get("outcome").asText()).isEqualTo("refused");
        assertThat(record.get("reason").asText()).contains("Cannot sync to v0");
        assertThat(record.get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void basicCredentialsOutsideTheDemoProfileAre401() {
        RestAssured.given().auth().preemptive().basic("admin", "demo").get("/api/v1/clusters").then().statusCode(401);
        RestAssured.given().get("/api/v1/clusters").then().statusCode(401);
    }

    @Test
    void healthAndMetricsDescribeTheFleet() {
        json(Tokens.operator(), "{\"dryRun\":true}").post("/api/v1/apps/namespaces-cluster-03/sync").then().statusCode(202);
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/live").then().statusCode(200);
        org.awaitility.Awaitility.await().untilAsserted(() -> Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fleet_operations_total{kind=\"sync\",outcome=\"succeeded\",via=\"rest\"}"))
                .body(containsString("fleet_applications{cluster=\"cluster-04\",health=\"Degraded\",sync=\"Synced\"} 1.0"))
                .body(containsString("fleet_cluster_connection{cluster=\"cluster-02\",role=\"edge\",state=\"Successful\"} 1.0"))
                .body(containsString("fleet_operation_duration_seconds")));
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        Management.given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/clusters/{cluster}/sync'.post", notNullValue())
                .body("paths.'/api/v1/operations/{id}/events'.get", notNullValue());
    }

    /** The API's port, which the Ingress exposes, tells nobody about the fleet: management endpoints are not there. */
    @Test
    void managementEndpointsAreNotOnTheApiPort() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/openapi?format=json", "/q/health", "/q/health/ready",
                "/q/health/group/fleet", "/q/swagger-ui", "/q/swagger-ui/index.html")) {
            RestAssured.given().get(path).then().statusCode(org.hamcrest.Matchers.not(200))
                    .body(org.hamcrest.Matchers.not(containsString("cluster-0")));
            as(Tokens.admin()).get(path).then().statusCode(404);
        }
    }

    /** The management interface serves reads; a write method there is refused, not answered with the document. */
    @Test
    void managementRoutesAnswerOnlyTheMethodsTheyServe() {
        for (String path : List.of("/q/metrics", "/q/openapi", "/q/health/ready", "/q/health/group/fleet")) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE")) {
                Management.given().body("{}").request(method, path).then().statusCode(405)
                        .header("Allow", "GET, HEAD, OPTIONS").body(org.hamcrest.Matchers.emptyString());
            }
            Management.given().head(path).then().statusCode(org.hamcrest.Matchers.lessThan(500));
        }
        Management.given().get("/q/health/group/fleet").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(503)));
    }
}
