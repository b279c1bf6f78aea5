package lab.miribit.fleetops.chat.slack;

import static io.restassured.RestAssured.given;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static lab.miribit.fleetops.testing.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.InjectFleet;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.SlackStandIn;
import lab.miribit.fleetops.testing.Tokens;

/** Slack's HTTP mode end to end: really signed requests, a loopback stand-in for Slack's side. */
@QuarkusTest
class SlackHttpModeTest {

    @InjectSlack
    SlackStandIn slack;

    @InjectFleet
    EmbeddedFleet fleet;

    /**
     * Slack's {@code user_name} is the user's own choice and not unique: the audit, the operation and Argo CD's Event
     * name the Slack user by team and user id, and the name stays a label with its line breaks removed.
     */
    @Test
    void theAuditNamesTheSlackUserByIdAndANameCannotForgeALine() {
        String forged = "ada\n{\"caller\":\"slack:T0MIRIBIT:UADMIN\",\"outcome\":\"accepted\"}\r\u202E";
        Response ack = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", forged, "sync fluent-operator-cluster-04 --dry-run",
                slack.responseUrl("forged-name"), null));
        String id = ack.jsonPath().getString("blocks.find { it.type == 'context' }.elements[0].text").replaceAll(".*`(op-[a-z0-9]+)`.*", "$1");
        JsonPath done = awaitFinished(Tokens.viewer(), id);
        assertThat(done.getString("requestedBy")).isEqualTo("slack:T0MIRIBIT:UOPERATOR1");
        assertThat(done.getString("requestedByName")).isEqualTo("ada {\"caller\":\"slack:T0MIRIBIT:UADMIN\",\"outcome\":\"accepted\"}");
        List<java.util.Map<String, Object>> audited = json(Tokens.viewer(), "").get("/api/v1/audit?limit=5000").jsonPath()
                .getList("findAll { it.operationId == '" + id + "' }");
        assertThat(audited).isNotEmpty().allSatisfy(record -> {
            assertThat(record).containsEntry("caller", "slack:T0MIRIBIT:UOPERATOR1");
            assertThat((String) record.get("callerName")).doesNotContainPattern("[\\p{Cc}\\p{Cf}]");
        });
        List<String> events = fleet.central().client().v1().events().inNamespace("argocd").list().getItems().stream()
                .map(io.fabric8.kubernetes.api.model.Event::getMessage).filter(message -> message != null && message.contains(id)).toList();
        assertThat(events).isNotEmpty().allSatisfy(message -> assertThat(message)
                .startsWith("slack:T0MIRIBIT:UOPERATOR1 \"ada {").doesNotContainPattern("[\\p{Cc}\\p{Cf}]"));
    }

    @Test
    void aSignedSyncIsAcknowledgedAtOnceAndItsResultReachesTheResponseUrl() {
        Response ack = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync cluster-03 --dry-run",
                slack.responseUrl("sync-1"), null));
        assertThat(ack.statusCode()).isEqualTo(200);
        JsonPath body = ack.jsonPath();
        assertThat(body.getString("response_type")).isEqualTo("in_channel");
        assertThat(body.getString("text")).startsWith("Accepted: sync cluster/cluster-03");
        String id = body.getString("blocks.find { it.type == 'context' }.elements[0].text").replaceAll(".*`(op-[a-z0-9]+)`.*", "$1");
        assertThat(slack.postsTo("sync-1")).as("the ack comes before the work is done").isEmpty();

        assertThat(awaitFinished(Tokens.viewer(), id).getString("via")).isEqualTo("slack");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.postsTo("sync-1").stream()
                .anyMatch(post -> post.body().contains("succeeded (" + id + ")")));
        List<SlackStandIn.Post> posts = slack.postsTo("sync-1");
        assertThat(posts.size()).as("Slack allows 5 posts per response_url").isLessThanOrEqualTo(5);
        assertThat(posts.get(posts.size() - 1).body()).contains("\"replace_original\":true");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("requestedBy")).isEqualTo("slack:T0MIRIBIT:UOPERATOR1");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("requestedByName")).isEqualTo("olivia");
    }

    @Test
    void aResponseUrlOnAHostNotAllowedIsNeverCalled() {
        // the same stand-in under another name: fleet-ops would reach it, were it allowed (only 127.0.0.1 is)
        String elsewhere = slack.responseUrl("elsewhere").replace("127.0.0.1", "localhost");
        String stranger = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync namespaces-cluster-02 --dry-run",
                elsewhere, null)).then().statusCode(200).extract().jsonPath()
                .getString("blocks.find { it.type == 'context' }.elements[0].text").replaceAll(".*`(op-[a-z0-9]+)`.*", "$1");
        String control = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync namespaces-cluster-04 --dry-run",
                slack.responseUrl("control"), null)).then().statusCode(200).extract().jsonPath()
                .getString("blocks.find { it.type == 'context' }.elements[0].text").replaceAll(".*`(op-[a-z0-9]+)`.*", "$1");
        awaitFinished(Tokens.viewer(), stranger);
        awaitFinished(Tokens.viewer(), control);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.postsTo("control").stream()
                .anyMatch(post -> post.body().contains("succeeded (" + control + ")")));
        assertThat(slack.postsTo("elsewhere")).isEmpty();
    }

    @Test
    void aBadSignatureOrAStaleTimestampIs401AndRunsNothing() {
        String body = SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync cluster-02", slack.responseUrl("forged"), null);
        given().contentType("application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp",
                Long.toString(Instant.now().getEpochSecond())).header("X-Slack-Signature", "v0=" + "0".repeat(64))
                .body(body).post("/slack/events").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body(body).post("/slack/events").then().statusCode(401);
        SignedSlack.send(body, Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond()).then().statusCode(401);
        // A body changed after signing no longer matches its signature.
        String ts = Long.toString(Instant.now().getEpochSecond());
        String signature = "v0=" + new SlackSignature(lab.miribit.fleetops.testing.SlackStandInResource.SIGNING_SECRET)
                .sign(ts, body.getBytes(StandardCharsets.UTF_8));
        given().contentType("application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).body(body.replace("cluster-02", "cluster-04"))
                .post("/slack/events").then().statusCode(401);
        assertThat(slack.postsTo("forged")).isEmpty();
    }

    /** Slack tells a user's language through users.info: a Korean client is answered in Korean. */
    @Test
    void eachSlackUserIsAnsweredInTheLanguageSlackReportsForThem() {
        String korean = SignedSlack.send(SignedSlack.slashCommand(SlackStandIn.KOREAN_SLACK_USER, "minji", "status cluster-02",
                slack.responseUrl("korean"), null)).then().statusCode(200).extract().jsonPath().getString("text");
        assertThat(korean).startsWith("클러스터 cluster-02");
        String english = SignedSlack.send(SignedSlack.slashCommand("UENGLISH01", "olivia", "status cluster-02",
                slack.responseUrl("english"), null)).then().statusCode(200).extract().jsonPath().getString("text");
        assertThat(english).startsWith("Cluster cluster-02");
    }

    @Test
    void aRepeatedDeliveryRunsOnce() {
        String body = SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync longhorn-cluster-04 --dry-run",
                slack.responseUrl("dup"), "trigger-dup-1");
        long ts = Instant.now().getEpochSecond();
        Response first = SignedSlack.send(body, ts);
        Response again = SignedSlack.send(body, ts);
        Response sameTrigger = SignedSlack.send(body, ts - 1);
        assertThat(first.jsonPath().getString("text")).startsWith("Accepted");
        String id = first.jsonPath().getString("text").replaceAll("(?s).*?(op-[a-z0-9]{10}).*", "$1");
        // Recognised at the door: the repeat runs nothing and is told, to the asker only, where the first went.
        for (Response repeat : List.of(again, sameTrigger)) {
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(repeat.jsonPath().getString("text")).startsWith("Already received: this request started " + id
                    + "; nothing ran twice.");
            assertThat(repeat.jsonPath().getString("response_type")).isEqualTo("ephemeral");
        }
        long operations = json(Tokens.viewer(), "").get("/api/v1/operations?limit=500").jsonPath()
                .getList("findAll { it.target == 'app/longhorn-cluster-04' && it.requestedBy == 'slack:T0MIRIBIT:UOPERATOR1' && it.via == 'slack' }")
                .size();
        assertThat(operations).isEqualTo(1);
    }

    @Test
    void anUnknownSlackUserIsAViewerAtMost() {
        JsonPath reply = SignedSlack.send(SignedSlack.slashCommand("USTRANGER1", "stranger", "sync cluster-02",
                slack.responseUrl("stranger"), null)).then().statusCode(200).extract().jsonPath();
        assertThat(reply.getString("response_type")).isEqualTo("ephemeral");
        assertThat(reply.getString("text")).isEqualTo("sync needs the role fleet-operator");
        JsonPath status = SignedSlack.send(SignedSlack.slashCommand("USTRANGER1", "stranger", "status cluster-02",
                slack.responseUrl("stranger"), null)).then().statusCode(200).extract().jsonPath();
        assertThat(status.getString("text")).startsWith("Cluster cluster-02");
    }

    @Test
    void theSameTextGivesTheSameAnswerInSlackAndTheConsole() {
        String slackText = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "history longhorn-cluster-03",
                slack.responseUrl("same"), null)).jsonPath().getString("text");
        String consoleText = json(Tokens.bearer("olivia", "fleet-operator"), "{\"text\":\"history longhorn-cluster-03\"}")
                .post("/api/v1/chat").jsonPath().getString("text");
        assertThat(slackText).isEqualTo(consoleText);
    }

    @Test
    void pruneWaitsForTheSameUsersButtonPress() {
        JsonPath asked = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "sync namespaces-cluster-04 --prune --dry-run",
                slack.responseUrl("prune"), null)).jsonPath();
        assertThat(asked.getString("text")).startsWith("Confirm: /fleet sync namespaces-cluster-04 --prune --dry-run");
        String value = asked.getString("blocks.find { it.type == 'actions' }.elements.find { it.action_id == 'fleet-confirm' }.value");

        SignedSlack.send(SignedSlack.buttonPress("UADMIN0001", "ada", "fleet-confirm", value, slack.responseUrl("press-other")))
                .then().statusCode(200);
        await().until(() -> !slack.postsTo("press-other").isEmpty());
        assertThat(slack.postsTo("press-other").get(0).body()).contains("only the person who sent the command can confirm it");

        SignedSlack.send(SignedSlack.buttonPress("UOPERATOR1", "olivia", "fleet-confirm", value.replace("namespaces-cluster-04",
                "namespaces-cluster-03"), slack.responseUrl("press-changed"))).then().statusCode(200);
        await().until(() -> !slack.postsTo("press-changed").isEmpty());
        assertThat(slack.postsTo("press-changed").get(0).body()).contains("the command changed");

        SignedSlack.send(SignedSlack.buttonPress("UOPERATOR1", "olivia", "fleet-confirm", value, slack.responseUrl("press-own")))
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).alias(slack.postsTo("press-own").toString()).until(() -> slack.postsTo("press-own").stream()
                .anyMatch(post -> post.body().contains(": succeeded (op-")));
        assertThat(slack.postsTo("press-own").get(0).body()).contains("Accepted: sync app/namespaces-cluster-04");
    }
}
