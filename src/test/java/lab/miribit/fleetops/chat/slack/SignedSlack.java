package lab.miribit.fleetops.chat.slack;

import static io.restassured.RestAssured.given;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.response.Response;
import lab.miribit.fleetops.testing.SlackStandInResource;

/** Builds slash commands and button presses as Slack sends them, signed with the app's signing secret. */
public final class SignedSlack {

    private static final SlackSignature SIGNER = new SlackSignature(SlackStandInResource.SIGNING_SECRET);

    private SignedSlack() {
    }

    public static String slashCommand(String userId, String userName, String text, String responseUrl, String triggerId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "deprecated-verification-token");
        form.put("team_id", "T0MIRIBIT");
        form.put("team_domain", "miribit");
        form.put("channel_id", "C0PLATFORM");
        form.put("channel_name", "platform");
        form.put("user_id", userId);
        form.put("user_name", userName);
        form.put("command", "/fleet");
        form.put("text", text);
        form.put("api_app_id", "A0FLEETOPS");
        form.put("response_url", responseUrl);
        form.put("trigger_id", triggerId == null ? UUID.randomUUID().toString() : triggerId);
        return form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String buttonPress(String userId, String userName, String actionId, String value, String responseUrl) {
        return buttonPress(userId, userName, actionId, value, responseUrl, "C0PLATFORM");
    }

    static String buttonPress(String userId, String userName, String actionId, String value, String responseUrl, String channel) {
        String json = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0MIRIBIT\",\"domain\":\"miribit\"},"
                + "\"user\":{\"id\":\"" + userId + "\",\"username\":\"" + userName + "\",\"name\":\"" + userName
                + "\",\"team_id\":\"T0MIRIBIT\"},\"api_app_id\":\"A0FLEETOPS\",\"token\":\"deprecated\","
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1700000000.000100\",\"channel_id\":\"" + channel + "\"},"
                + "\"trigger_id\":\"" + UUID.randomUUID() + "\",\"channel\":{\"id\":\"" + channel + "\",\"name\":\"platform\"},"
                + "\"response_url\":\"" + responseUrl + "\",\"actions\":[{\"action_id\":\"" + actionId
                + "\",\"block_id\":\"fleet-confirmation\",\"text\":{\"type\":\"plain_text\",\"text\":\"Confirm\"},"
                + "\"value\":" + quote(value) + ",\"type\":\"button\",\"action_ts\":\"1700000001.000200\"}]}";
        return "payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    public static Response send(String body) {
        return send(body, Instant.now().getEpochSecond());
    }

    static Response send(String body, long timestamp) {
        return send(given(), body, timestamp);
    }

    /** Sends to {@code target} (a replica's base URI) with Slack's headers for {@code timestamp}: the same bytes each time. */
    static Response send(io.restassured.specification.RequestSpecification target, String body, long timestamp) {
        String ts = Long.toString(timestamp);
        return target.contentType("application/x-www-form-urlencoded; charset=utf-8")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", "v0=" + SIGNER.sign(ts, body.getBytes(StandardCharsets.UTF_8)))
                .body(body)
                .post("/slack/events");
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
