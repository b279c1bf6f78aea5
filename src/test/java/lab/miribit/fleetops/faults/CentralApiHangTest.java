package lab.miribit.fleetops.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.fleet.ConnectionMonitor;
import lab.miribit.fleetops.testing.Management;
import lab.miribit.fleetops.testing.TcpLink;
import lab.miribit.fleetops.testing.CentralBehindLinkResource;
import lab.miribit.fleetops.testing.InjectCentralLink;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import lab.miribit.fleetops.testing.SlackStandIn;
import lab.miribit.fleetops.testing.SlackStandInResource;
import lab.miribit.fleetops.chat.mattermost.MattermostCommandTest;
import lab.miribit.fleetops.chat.slack.SignedSlack;
import io.restassured.response.Response;

/**
 * The central API server freezing after fleet-ops had started: every call that needs it ends after the client's
 * timeout with a 503 or a failed operation saying so, the service itself keeps answering, and once the API
 * server answers again everything works as before — nothing left busy, nothing lost.
 */
@QuarkusTest
@TestProfile(CentralApiHangTest.CentralBehindALink.class)
class CentralApiHangTest {

    private static final String APP = "prometheus-agent-cluster-04";

    public static class CentralBehindALink implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.kubernetes-client.request-timeout", "2s",
                    "quarkus.kubernetes-client.connection-timeout", "1s",
                    // shorter than the client's timeout, so that a command held by the hung API is answered late for sure
                    "fleet.slack.answer-within", "300ms",
                    "fleet.mattermost.answer-within", "300ms",
                    "fleet.public-url", "https://fleet-ops.example.test",
                    "quarkus.oidc.tenant-enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CentralBehindLinkResource.class), new TestResourceEntry(SlackStandInResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @InjectCentralLink
    TcpLink link;

    @InjectSlack
    SlackStandIn slack;

    @InjectFleet
    EmbeddedFleet fleet;

    @Inject
    ConnectionMonitor connections;

    @Test
    @TestSecurity(user = "olivia", roles = { "fleet-viewer", "fleet-operator", "fleet-admin" })
    void whileTheCentralApiHangsCallsEndIn503OrAFailedOperationAndAllIsWellWhenItAnswersAgain() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));
        assertThat(sync().getString("state")).isEqualTo("succeeded");

        link.hang();
        try {
            // Accepted from what fleet-ops already knows; the write to Argo CD's Application then finds no answer.
            JsonPath failed = sync();
            assertThat(failed.getString("state")).as(failed.prettify()).isEqualTo("failed");
            assertThat(failed.getString("message")).as(failed.prettify()).contains("did not answer").contains("may still reach Argo CD and run");

            // A read that must go to the API server: 503 with Retry-After once the client gives up.
            given().get("/api/v1/bootstrap").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "30");

            // The service itself is alive, and says it is not ready while the central API does not answer.
            Management.given().get("/q/health/live").then().statusCode(200);
            connections.probeAll();
            Management.given().get("/q/health/ready").then().statusCode(503).body("checks.find { it.name == 'fleet' }.data.centralApi",
                    equalTo("Failed"));
        } finally {
            link.flow();
        }

        connections.probeAll();
        Management.given().get("/q/health/ready").then().statusCode(200);
        // The write that found no answer may still reach the API server once it answers again, as any client's can (the
        // link delivers what it held); Argo CD then carries it out and clears it, and until then a sync is refused as
        // Argo CD refuses it. Nothing stays busy: the same sync is soon accepted again and goes through.
        String[] accepted = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var answer = given().contentType(ContentType.JSON).body("{\"dryRun\":true}").post("/api/v1/apps/" + APP + "/sync")
                    .then().extract();
            assertThat(answer.statusCode()).as(answer.asString()).isIn(202, 409);
            accepted[0] = answer.statusCode() == 202 ? answer.path("id") : null;
            return accepted[0] != null;
        });
        assertThat(finished(accepted[0]).getString("state")).isEqualTo("succeeded");
        given().get("/api/v1/bootstrap").then().statusCode(200);
    }

    /**
     * A sync whose write reached the API server while its answers were held back (a link that carries requests and loses
     * the way back, until it recovers): fleet-ops got no answer, watches for it instead of reporting it lost, and it ends
     * as Argo CD ran it, saying what happened. Should the write not have left at all (it needed a new connection, whose
     * TLS handshake waits for held answers too), fleet-ops cannot tell it from one still on its way, and says so.
     */
    @Test
    @TestSecurity(user = "olivia", roles = { "fleet-viewer", "fleet-operator", "fleet-admin" })
    void aSyncSentWithoutAnswerIsFollowedAndEndsAsArgoCdRanIt() {
        String app = "namespaces-cluster-04";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));
        double before = unansweredWrites();
        // Connections to the API server kept open for the write to travel on.
        List<CompletableFuture<Void>> reads = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.runAsync(() -> given().get("/api/v1/apps/" + app + "/history").then().statusCode(200)))
                .toList();
        reads.forEach(CompletableFuture::join);
        String id;
        link.loseAnswers();
        try {
            id = given().contentType(ContentType.JSON).body("{\"dryRun\":true}").post("/api/v1/apps/" + app + "/sync")
                    .then().statusCode(202).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> unansweredWrites() > before);
        } finally {
            link.flow();
        }
        JsonPath done = finished(id);
        if (ranByArgoCd(app, id)) {
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
            assertThat(done.getString("message")).as(done.prettify()).contains("arrived all the same and Argo CD ran it");
        } else {
            assertThat(done.getString("state")).as(done.prettify()).isEqualTo("failed");
            assertThat(done.getString("message")).as(done.prettify()).contains("may still reach Argo CD and run");
        }
    }

    /** What the API server itself holds: whether Argo CD's last operation on {@code app} was fleet-ops' {@code id}. */
    private boolean ranByArgoCd(String app, String id) {
        GenericKubernetesResource application = fleet.central().client().genericKubernetesResources("argoproj.io/v1alpha1", "Application")
                .inNamespace("argocd").withName(app).get();
        return String.valueOf(application.getAdditionalProperties().get("status")).contains(id);
    }

    private static double unansweredWrites() {
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("fleet_argocd_writes_unanswered_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * Slack gives three seconds for an acknowledgement; a command that needs the hung API server (a deployment history,
     * the shared ledger an action's delivery is claimed in) is acknowledged in time anyway, and its reply follows through
     * the response_url: the history's refusal saying why, the action accepted and then reported, a confirmation pressed
     * accepted.
     */
    @Test
    void slackCommandsHeldByTheHungApiAreAcknowledgedAndAnsweredLater() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Management.given().get("/q/health/ready").then().statusCode(200));
        String button = "blocks.find { it.type == 'actions' }.elements.find { it.action_id == 'fleet-confirm' }.value";
        String confirm = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync fluent-bit-cluster-04 --prune --dry-run",
                slack.responseUrl("hung-ask"), null)).jsonPath().getString(button);
        if (confirm == null) {
            // The first command of a fresh service may itself miss this profile's short deadline: its prompt then follows.
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.postsTo("hung-ask").isEmpty());
            confirm = JsonPath.from(slack.postsTo("hung-ask").get(0).body()).getString(button);
        }
        assertThat(confirm).isNotNull();
        link.hang();
        try {
            // The press needs the shared confirmations and the delivery ledger, both on the hung API server.
            Response press = SignedSlack.send(SignedSlack.buttonPress("UOPERATOR1", "olivia", "fleet-confirm", confirm,
                    slack.responseUrl("hung-press")));
            assertThat(press.statusCode()).isEqualTo(200);
            assertThat(slack.postsTo("hung-press")).as("the press is acknowledged before its reply").isEmpty();

            Response history = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "history " + APP,
                    slack.responseUrl("hung-history"), null));
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.jsonPath().getString("text")).as(history.asString()).contains("Working on it.");
            Response sync = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync fluent-operator-cluster-04 --dry-run",
                    slack.responseUrl("hung-sync"), null));
            assertThat(sync.jsonPath().getString("text")).as(sync.asString()).contains("Working on it.");

            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.postsTo("hung-history").isEmpty());
            assertThat(slack.postsTo("hung-history").get(0).body()).contains(":no_entry_sign:").contains("did not answer in time")
                    .doesNotContain("Working on it.");
            // The action's reply first (accepted, its id), then what became of it: the write to Argo CD found no answer.
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.postsTo("hung-sync").stream()
                    .anyMatch(post -> post.body().contains("failed")));
            List<SlackStandIn.Post> posts = slack.postsTo("hung-sync");
            assertThat(posts.get(0).body()).contains("Accepted: sync app/fluent-operator-cluster-04");
            assertThat(posts.size()).as("Slack allows 5 posts per response_url").isLessThanOrEqualTo(5);
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.postsTo("hung-press").isEmpty());
            assertThat(slack.postsTo("hung-press").get(0).body()).contains("Accepted: sync app/fluent-bit-cluster-04");
        } finally {
            link.flow();
        }
    }

    private static JsonPath sync() {
        return finished(given().contentType(ContentType.JSON).body("{\"dryRun\":true}").post("/api/v1/apps/" + APP + "/sync").then()
                .statusCode(202).extract().path("id"));
    }

    private static JsonPath finished(String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = given().get("/api/v1/operations/" + id).then().statusCode(200).extract().jsonPath();
            return List.of("succeeded", "failed").contains(last[0].getString("state"));
        });
        return last[0];
    }

    @Test
    void mattermostCommandsAndPressesHeldByTheHungApiAreAnsweredLaterThroughTheResponseUrl() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Management.given().get("/q/health/ready").statusCode() == 200);
        String operator = SlackStandInResource.MATTERMOST_OPERATOR;
        String integration = "props.attachments[0].actions[0].integration";
        JsonPath asked = MattermostCommandTest.command(operator, "sync fluent-bit-cluster-02 --prune --dry-run",
                slack.responseUrl("mm-hung-ask")).then().statusCode(200).extract().jsonPath();
        if (asked.getMap(integration) == null) {
            // The first command of a fresh service may itself miss this profile's short deadline: its prompt then follows.
            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.postsTo("mm-hung-ask").isEmpty());
            asked = JsonPath.from(slack.postsTo("mm-hung-ask").get(0).body());
        }
        String url = asked.getString(integration + ".url");
        String token = asked.getString(integration + ".context.token");
        assertThat(token).isNotNull();
        int postsBefore = slack.postsTo("mm-hung-ask").size();
        link.hang();
        try {
            // The press needs the shared confirmations and the delivery ledger, both on the hung API server.
            JsonPath pressed = MattermostCommandTest.press(url, operator, token).then().statusCode(200).extract().jsonPath();
            assertThat(pressed.getString("ephemeral_text")).as(pressed.prettify()).contains("Working on it.");

            JsonPath history = MattermostCommandTest.command(operator, "history " + APP, slack.responseUrl("mm-hung-history"))
                    .then().statusCode(200).extract().jsonPath();
            assertThat(history.getString("response_type")).isEqualTo("ephemeral");
            assertThat(history.getString("text")).as(history.prettify()).contains("Working on it.");

            await().atMost(Duration.ofSeconds(30)).until(() -> !slack.postsTo("mm-hung-history").isEmpty());
            assertThat(slack.postsTo("mm-hung-history").get(0).body()).contains("did not answer in time")
                    .doesNotContain("Working on it.");
            // the press's reply goes where the command was typed: the action accepted, for the channel
            await().atMost(Duration.ofSeconds(30)).until(() -> slack.postsTo("mm-hung-ask").size() > postsBefore);
            assertThat(slack.postsTo("mm-hung-ask").get(postsBefore).body()).contains("Accepted: sync app/fluent-bit-cluster-02")
                    .contains("\"response_type\":\"in_channel\"");
        } finally {
            link.flow();
        }
    }
}
