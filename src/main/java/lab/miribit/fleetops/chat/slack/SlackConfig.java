package lab.miribit.fleetops.chat.slack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Slack app fleet-ops answers as. Tokens and the signing secret come from a Secret, never from files in Git. */
@ConfigMapping(prefix = "fleet.slack")
public interface SlackConfig {

    enum Mode {
        /** Outbound WebSocket with the app-level token: no public URL needed (the default). */
        socket,
        /** Slack calls {@code POST /slack/events}; needs a public HTTPS ingress. */
        http
    }

    @WithDefault("false")
    boolean enabled();

    @WithDefault("socket")
    Mode mode();

    /** Bot token ({@code xoxb-…}). */
    Optional<String> botToken();

    /** App-level token ({@code xapp-…}) with {@code connections:write}, for Socket Mode. */
    Optional<String> appToken();

    /** Signing secret, for HTTP mode. */
    Optional<String> signingSecret();

    /** Slack's Web API base URL; tests point it at a loopback stand-in. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Hosts a {@code response_url} may point at; anything else is not called (it came from a request, after all). */
    @WithDefault("hooks.slack.com")
    List<String> responseUrlHosts();

    /**
     * How long a slash command or button press may take before Slack is acknowledged anyway (Slack waits three seconds),
     * counted from its arrival; the reply then follows through the {@code response_url}.
     */
    @WithDefault("2s")
    Duration answerWithin();

    /** Channel IDs fleet-ops answers in; empty means every channel the app is in. */
    Optional<List<String>> allowedChannels();
}
