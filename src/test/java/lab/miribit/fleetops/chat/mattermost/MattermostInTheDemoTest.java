package lab.miribit.fleetops.chat.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import lab.miribit.fleetops.testing.DemoProfile;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.SlackStandIn;
import lab.miribit.fleetops.testing.SlackStandInResource;

/**
 * The Mattermost issue's demo scenario: {@code /fleet sync cluster-03} from Mattermost, on the demo fleet, is
 * answered in the channel at once and ends with the result posted to its response_url.
 */
@QuarkusTest
@TestProfile(DemoProfile.class)
class MattermostInTheDemoTest {

    @InjectSlack
    SlackStandIn standIn;

    @Test
    void aSyncOfCluster03FromMattermostEndsWithItsResultAtTheResponseUrl() {
        JsonPath ack = MattermostCommandTest.command(SlackStandInResource.MATTERMOST_TOKEN, SlackStandInResource.MATTERMOST_OPERATOR,
                "sync cluster-03", standIn.responseUrl("mm-demo-sync"), UUID.randomUUID().toString())
                .then().statusCode(200).extract().jsonPath();
        assertThat(ack.getString("response_type")).isEqualTo("in_channel");
        assertThat(ack.getString("text")).startsWith(":arrows_counterclockwise: **Accepted: sync cluster/cluster-03 (op-");
        await().atMost(Duration.ofSeconds(60)).until(() -> standIn.postsTo("mm-demo-sync").stream()
                .anyMatch(post -> post.body().contains("sync cluster/cluster-03: succeeded")
                        && post.body().contains("\"response_type\":\"in_channel\"")));
    }
}
