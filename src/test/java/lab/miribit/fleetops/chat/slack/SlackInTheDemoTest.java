package lab.miribit.fleetops.chat.slack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.DemoProfile;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.SlackStandIn;

/**
 * The chat issue's "done": in the demo profile with Slack in HTTP mode, a signed {@code /fleet sync cluster-03}
 * is acknowledged at once, its result reaches the response_url, and the console gives the same answer.
 */
@QuarkusTest
@TestProfile(DemoProfile.class)
class SlackInTheDemoTest {

    @InjectSlack
    SlackStandIn slack;

    @Test
    void aSignedSyncOfCluster03ReachesTheResponseUrlAndTheConsoleAgrees() {
        JsonPath ack = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "/fleet sync cluster-03",
                slack.responseUrl("demo-sync"), null)).then().statusCode(200).extract().jsonPath();
        assertThat(ack.getString("text")).startsWith("Accepted: sync cluster/cluster-03 (op-");
        await().atMost(Duration.ofSeconds(30)).until(() -> slack.postsTo("demo-sync").stream()
                .anyMatch(post -> post.body().contains("sync cluster/cluster-03: succeeded")));

        String slackStatus = SignedSlack.send(SignedSlack.slashCommand("UOPERATOR1", "olivia", "status cluster-03",
                slack.responseUrl("demo-status"), null)).jsonPath().getString("text");
        String consoleStatus = given().auth().preemptive().basic("operator", "demo").contentType(ContentType.JSON)
                .body("{\"text\":\"status cluster-03\"}").post("/api/v1/chat").then().statusCode(200).extract().path("text");
        assertThat(slackStatus).isEqualTo(consoleStatus).startsWith("Cluster cluster-03");
    }
}
