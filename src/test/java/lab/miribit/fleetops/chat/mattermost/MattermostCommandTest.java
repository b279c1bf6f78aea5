package lab.miribit.fleetops.chat.mattermost;

import static io.restassured.RestAssured.given;
import static lab.miribit.fleetops.testing.Api.awaitFinished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import lab.miribit.fleetops.checks.Alert;
import lab.miribit.fleetops.checks.CheckResult;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.testing.InjectSlack;
import lab.miribit.fleetops.testing.SlackStandIn;
import lab.miribit.fleetops.testing.SlackStandInResource;
import lab.miribit.fleetops.testing.Tokens;

/**
 * Mattermost's custom slash command through its real protocol: form posts as Mattermost's server sends them, button
 * presses as its interactive message actions post them, and a loopback stand-in for its response_url and incoming
 * webhook.
 */
@QuarkusTest
public class MattermostCommandTest {

    private static final String TEAM = "team0000000000000000000001";
    private static final String CHANNEL = "chan0000000000000000000001";
    private static final String OPERATOR = SlackStandInResource.MATTERMOST_OPERATOR;
    private static final String ADMIN = SlackStandInResource.MATTERMOST_ADMIN;

    @InjectSlack
    SlackStandIn standIn;

    @Inject
    Event<Alert> alerts;

    static Response command(String token, String userId, String text, String responseUrl, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel_id", CHANNEL);
        form.put("channel_name", "platform");
        form.put("command", "/fleet");
        form.put("response_url", responseUrl);
        form.put("team_domain", "miribit");
        form.put("team_id", TEAM);
        form.put("text", text);
        if (token != null) {
            form.put("token", token);
        }
        form.put("trigger_id", triggerId);
        form.put("user_id", userId);
        form.put("user_name", "olivia");
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).body(body).post("/mattermost/command");
    }

    public static Response command(String userId, String text, String responseUrl) {
        return command(SlackStandInResource.MATTERMOST_TOKEN, userId, text, responseUrl, UUID.randomUUID().toString());
    }

    public static Response press(String url, String userId, String token) {
        String path = url.substring(url.indexOf("/mattermost/actions/"));
        return given().contentType(ContentType.JSON).body(Map.of("user_id", userId, "user_name", "someone", "channel_id", CHANNEL,
                "team_id", TEAM, "post_id", "post0000000000000000000001", "type", "", "context", Map.of("token", token)))
                .post(path);
    }

    private List<String> operationTargets() {
        return given().auth().oauth2(Tokens.viewer()).get("/api/v1/operations").then().statusCode(200).extract().jsonPath()
                .getList("target");
    }

    /** With fleet.mattermost.api-url and a token, fleet-ops asks Mattermost each user's language. */
    @Test
    void eachUserIsAnsweredInTheLanguageMattermostKeepsForThem() {
        assertThat(command(SlackStandIn.KOREAN_MATTERMOST_USER, "status cluster-03", standIn.responseUrl("mm-ko")).jsonPath()
                .getString("text")).startsWith(":information_source: **클러스터 cluster-03**");
        assertThat(command(OPERATOR, "status cluster-03", standIn.responseUrl("mm-en")).jsonPath().getString("text"))
                .startsWith(":information_source: **Cluster cluster-03**");
    }

    @Test
    void aCommandWithoutTheRightTokenIsRefusedBeforeAnythingRuns() {
        for (String token : new String[] { null, "", "wrong-token", SlackStandInResource.MATTERMOST_TOKEN + "x" }) {
            Response refused = command(token, OPERATOR, "sync namespaces-cluster-03 --dry-run", standIn.responseUrl("mm-bad"),
                    UUID.randomUUID().toString());
            assertThat(refused.statusCode()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(operationTargets()).doesNotContain("app/namespaces-cluster-03");
        // A form that repeats a field is not Mattermost's: refused, and it runs nothing.
        given().contentType(ContentType.URLENC).body("token=" + SlackStandInResource.MATTERMOST_TOKEN
                + "&team_id=a&channel_id=b&user_id=" + OPERATOR + "&text=status&text=sync+cluster-03").post("/mattermost/command")
                .then().statusCode(400);
    }

    @Test
    void aReadIsForTheAskerAndAnAcceptedSyncIsForTheChannelWithItsResultFollowingThroughResponseUrl() {
        JsonPath status = command(OPERATOR, "status cluster-03", standIn.responseUrl("mm-status")).then().statusCode(200)
                .extract().jsonPath();
        assertThat(status.getString("response_type")).isEqualTo("ephemeral");
        assertThat(status.getString("text")).startsWith(":information_source: **Cluster cluster-03**");

        JsonPath accepted = command(OPERATOR, "/fleet sync fluent-bit-cluster-02 --dry-run", standIn.responseUrl("mm-sync"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(accepted.getString("response_type")).isEqualTo("in_channel");
        assertThat(accepted.getString("text")).contains("Accepted: sync app/fluent-bit-cluster-02");
        String id = accepted.getString("text").replaceAll("(?s).*?(op-[a-z0-9]{10}).*", "$1");
        assertThat(awaitFinished(Tokens.viewer(), id).getString("requestedBy"))
                .isEqualTo("mattermost:" + TEAM + ":" + OPERATOR);
        await().atMost(Duration.ofSeconds(20)).until(() -> standIn.postsTo("mm-sync").stream()
                .anyMatch(post -> post.body().contains("succeeded") && post.body().contains("\"response_type\":\"in_channel\"")));
        assertThat(standIn.postsTo("mm-sync")).as("coalesced: one post per change at most, the result last").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aRepeatedDeliveryRunsOnceAndIsToldSo() {
        String trigger = UUID.randomUUID().toString();
        Response first = command(SlackStandInResource.MATTERMOST_TOKEN, OPERATOR, "sync namespaces-cluster-02 --dry-run",
                standIn.responseUrl("mm-replay"), trigger);
        assertThat(first.statusCode()).isEqualTo(200);
        String id = first.jsonPath().getString("text").replaceAll("(?s).*?(op-[a-z0-9]{10}).*", "$1");
        Response replayed = command(SlackStandInResource.MATTERMOST_TOKEN, OPERATOR, "sync namespaces-cluster-02 --dry-run",
                standIn.responseUrl("mm-replay"), trigger);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.jsonPath().getString("response_type")).isEqualTo("ephemeral");
        assertThat(replayed.jsonPath().getString("text")).contains("Already received").contains(id);
        awaitFinished(Tokens.viewer(), id);
        List<String> fromMattermost = given().auth().oauth2(Tokens.viewer()).get("/api/v1/operations").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.via == 'mattermost' && it.target == 'app/namespaces-cluster-02' }.id");
        assertThat(fromMattermost).containsExactly(id);
    }

    @Test
    void aConfirmationHoldsOnlyForTheAskerOnceAndItsButtonsCarryOnlyAToken() {
        JsonPath asked = command(OPERATOR, "sync prometheus-agent-cluster-04 --prune --dry-run", standIn.responseUrl("mm-confirm"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(asked.getString("response_type")).isEqualTo("ephemeral");
        Map<String, Object> integration = asked.getMap("props.attachments[0].actions[0].integration");
        String url = (String) integration.get("url");
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) integration.get("context");
        assertThat(url).endsWith("/mattermost/actions/confirm");
        assertThat(context).containsOnlyKeys("token");
        String token = (String) context.get("token");

        JsonPath someoneElse = press(url, ADMIN, token).then().statusCode(200).extract().jsonPath();
        assertThat(someoneElse.getString("ephemeral_text")).contains("only the person who sent the command can confirm it");
        assertThat(someoneElse.getMap("update")).isNull();
        assertThat(press(url, OPERATOR, "forged." + token.substring(token.indexOf('.') + 1)).jsonPath().getString("ephemeral_text"))
                .contains("unknown");
        assertThat(operationTargets()).doesNotContain("app/prometheus-agent-cluster-04");

        JsonPath confirmed = press(url, OPERATOR, token).then().statusCode(200).extract().jsonPath();
        assertThat(confirmed.getString("update.message")).contains("Accepted: sync app/prometheus-agent-cluster-04");
        assertThat(confirmed.getList("update.props.attachments")).isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> standIn.postsTo("mm-confirm").stream()
                .anyMatch(post -> post.body().contains("succeeded")));
        assertThat(press(url, OPERATOR, token).jsonPath().getString("ephemeral_text")).as("single use").contains("unknown");
        press(url.replace("/confirm", "/erase"), OPERATOR, token).then().statusCode(404);
    }

    @Test
    void followUpsGoOnlyToConfiguredHosts() {
        // localhost is loopback, but it is not the configured host: fleet-ops must not call it.
        String elsewhere = standIn.responseUrl("mm-elsewhere").replace("127.0.0.1", "localhost");
        command(OPERATOR, "sync namespaces-cluster-04 --dry-run", elsewhere).then().statusCode(200);
        // A control on the configured host, accepted after it: once its result is posted, the other's would have been.
        command(OPERATOR, "sync fluent-bit-cluster-03 --dry-run", standIn.responseUrl("mm-control")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> standIn.postsTo("mm-control").stream()
                .anyMatch(post -> post.body().contains("succeeded")));
        assertThat(standIn.postsTo("mm-elsewhere")).isEmpty();
    }

    @Test
    void anAlertReachesTheIncomingWebhookEscaped() {
        alerts.fireAsync(new Alert("certificates", "cluster-03", CheckResult.Status.CRITICAL, List.of(new Alert.Change(
                Alert.Kind.NEW, CheckResult.Status.CRITICAL, "cluster/cluster-03", Note.verbatim("expires in 3 days @channel")))));
        await().atMost(Duration.ofSeconds(10)).until(() -> standIn.webhookPosts("fleet-alerts").stream()
                .anyMatch(body -> body.contains("certificates on cluster-03: 1 change")));
        assertThat(standIn.webhookPosts("fleet-alerts")).allSatisfy(body -> assertThat(body).doesNotContain("@channel"));
    }
}
