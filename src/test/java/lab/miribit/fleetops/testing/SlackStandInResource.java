package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Slack in HTTP mode and Mattermost's slash command against the loopback {@link SlackStandIn}, with the test's
 * signing secret, command token and chat users.
 */
public class SlackStandInResource implements QuarkusTestResourceLifecycleManager {

    /** The signing secret of the test's Slack app. */
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** The token of the test's Mattermost slash command. */
    public static final String MATTERMOST_TOKEN = "xr3j5x3p4pfmuqo8q6m4gds1ya";
    /** Mattermost users (26-character ids, as Mattermost makes them) holding roles in the tests. */
    public static final String MATTERMOST_OPERATOR = "mmoperator0000000000000001";
    public static final String MATTERMOST_ADMIN = "mmadmin0000000000000000003";

    private SlackStandIn slack;

    @Override
    public Map<String, String> start() {
        try {
            slack = new SlackStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("fleet.slack.enabled", "true"),
                Map.entry("fleet.slack.mode", "http"),
                Map.entry("fleet.slack.signing-secret", SIGNING_SECRET),
                Map.entry("fleet.slack.bot-token", "xoxb-0000-test-bot-token"),
                Map.entry("fleet.slack.api-url", slack.apiUrl()),
                Map.entry("fleet.slack.response-url-hosts", "127.0.0.1"),
                Map.entry("fleet.mattermost.enabled", "true"),
                Map.entry("fleet.mattermost.command-token", MATTERMOST_TOKEN),
                Map.entry("fleet.mattermost.response-url-hosts", "127.0.0.1"),
                Map.entry("fleet.mattermost.alert-webhook-url", slack.webhookUrl("fleet-alerts")),
                Map.entry("fleet.mattermost.api-url", slack.mattermostUrl()),
                Map.entry("fleet.mattermost.api-token", SlackStandIn.MATTERMOST_API_TOKEN),
                Map.entry("fleet.chat.roles.fleet-operator", "UOPERATOR1,200000000000000001," + MATTERMOST_OPERATOR),
                Map.entry("fleet.chat.roles.fleet-admin", "UADMIN0001,300000000000000003," + MATTERMOST_ADMIN),
                Map.entry("fleet.alerts.slack-channel", "C0ALERTS"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(slack, new TestInjector.AnnotatedAndMatchesType(InjectSlack.class, SlackStandIn.class));
    }

    @Override
    public void stop() {
        if (slack != null) {
            slack.close();
        }
    }
}
