package lab.miribit.fleetops.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import lab.miribit.fleetops.demo.EmbeddedFleet;
import lab.miribit.fleetops.testing.CentralClientConfig;
import lab.miribit.fleetops.testing.ServiceProcess;
import lab.miribit.fleetops.testing.SlackStandInResource;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Two replicas of the packaged service behind one Slack app, as the Deployment runs them. A signed request captured
 * and sent again — to the other replica, within Slack's five minutes — runs nothing there; a confirmation button
 * pressed in a channel fleet-ops does not serve runs nothing; one asked on one replica and pressed on the other runs,
 * once.
 */
class SlackAcrossReplicasIT {

    private static final String OPERATOR = "UOPERATOR1";
    private static final String NOWHERE = "http://127.0.0.1:1/response";
    private static EmbeddedFleet fleet;
    /** Slack's Web API on loopback: Bolt asks it who the bot is (auth.test) before it answers a command. */
    private static final SlackStandInResource SLACK = new SlackStandInResource();
    private static Map<String, String> slackConfig;

    @BeforeAll
    static void startTheFleet() {
        Tokens.signWithoutTheOidcServer();
        fleet = new EmbeddedFleet("cluster-01", "argocd", Duration.ofMillis(150)).start();
        slackConfig = SLACK.start();
    }

    @AfterAll
    static void stopTheFleet() {
        if (fleet != null) {
            fleet.close();
        }
        SLACK.stop();
    }

    @Test
    void aReplayedRequestRunsOnNoReplicaAndButtonsAreAnsweredOnlyWhereCommandsAre() throws Exception {
        Map<String, String> config = new CentralClientConfig(fleet.central().url(), fleet.central().caData(), "argocd").properties();
        config.put("quarkus.kubernetes-client.token", "fleet-ops-service-account-token");
        config.putAll(Tokens.verifierConfig());
        config.put("fleet.clusters.probe-interval", "1h");
        config.putAll(slackConfig);
        config.put("fleet.mattermost.enabled", "false");
        config.put("fleet.slack.allowed-channels", "C0PLATFORM");
        try (ServiceProcess one = ServiceProcess.start("fleet-ops-slack-one", config);
                ServiceProcess two = ServiceProcess.start("fleet-ops-slack-two", config)) {
            String command = SignedSlack.slashCommand(OPERATOR, "olivia", "sync namespaces-cluster-04 --dry-run", NOWHERE, null);
            long timestamp = Instant.now().getEpochSecond();
            Response first = SignedSlack.send(one.anonymous(), command, timestamp);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.asString()).contains("Accepted: sync app/namespaces-cluster-04");

            Response replayed = SignedSlack.send(two.anonymous(), command, timestamp);
            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(replayed.jsonPath().getString("text")).as("a replay runs nothing and says so")
                    .startsWith("Already received: this request started op-");
            assertThat(two.as(Tokens.viewer()).get("/api/v1/operations").jsonPath().getList("target")).doesNotContain("app/namespaces-cluster-04");

            // A confirmation asked in the served channel, pressed from another: refused, the confirmation still open.
            Response asked = SignedSlack.send(one.anonymous(),
                    SignedSlack.slashCommand(OPERATOR, "olivia", "sync fluent-bit-cluster-04 --prune --dry-run", NOWHERE, null),
                    Instant.now().getEpochSecond());
            String value = asked.jsonPath().getString("blocks.find { it.type == 'actions' }.elements[0].value");
            assertThat(value).as(asked.asString()).isNotBlank();
            SignedSlack.send(one.anonymous(), SignedSlack.buttonPress(OPERATOR, "olivia", SlackRenderer.CONFIRM_ACTION, value, NOWHERE,
                    "C0ELSEWHERE"), Instant.now().getEpochSecond()).then().statusCode(200);
            // Bolt runs the button's handler before it acknowledges: an action it started is listed by now.
            assertThat(one.as(Tokens.viewer()).get("/api/v1/operations").jsonPath().getList("target"))
                    .doesNotContain("app/fluent-bit-cluster-04");
            // The same press in the served channel confirms it — landing on the other replica, as a load balancer may send
            // it: the confirmation asked on one is known to both. The refusal above was the channel's, not the token's.
            SignedSlack.send(two.anonymous(), SignedSlack.buttonPress(OPERATOR, "olivia", SlackRenderer.CONFIRM_ACTION, value, NOWHERE,
                    "C0PLATFORM"), Instant.now().getEpochSecond()).then().statusCode(200);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> two.as(Tokens.viewer()).get("/api/v1/operations")
                    .jsonPath().getList("target").contains("app/fluent-bit-cluster-04"));
            // Pressed again, on the first replica: used already.
            SignedSlack.send(one.anonymous(), SignedSlack.buttonPress(OPERATOR, "olivia", SlackRenderer.CONFIRM_ACTION, value, NOWHERE,
                    "C0PLATFORM"), Instant.now().getEpochSecond()).then().statusCode(200);
            assertThat(one.as(Tokens.viewer()).get("/api/v1/operations").jsonPath().getList("target"))
                    .doesNotContain("app/fluent-bit-cluster-04");
        }
    }
}
