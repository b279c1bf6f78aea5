package lab.miribit.fleetops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Slack in HTTP mode against the loopback {@link SlackStandIn}, with the test's signing secret and chat users. */
public class SlackStandInResource implements QuarkusTestResourceLifecycleManager {

    /** The signing secret of the test's Slack app. */
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    private SlackStandIn slack;

    @Override
    public Map<String, String> start() {
        try {
            slack = new SlackStandIn();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "fleet.slack.enabled", "true",
                "fleet.slack.mode", "http",
                "fleet.slack.signing-secret", SIGNING_SECRET,
                "fleet.slack.bot-token", "xoxb-0000-test-bot-token",
                "fleet.slack.api-url", slack.apiUrl(),
                "fleet.slack.response-url-hosts", "127.0.0.1",
                "fleet.chat.roles.fleet-operator", "UOPERATOR1,200000000000000001",
                "fleet.chat.roles.fleet-admin", "UADMIN0001,300000000000000003",
                "fleet.alerts.slack-channel", "C0ALERTS");
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
