package lab.miribit.fleetops.chat.mattermost;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * A self-hosted Mattermost's custom slash command {@code /fleet} and its alert channel. The command token and the
 * webhook URL (which is itself a credential) come from a Secret, never from files in Git.
 */
@ConfigMapping(prefix = "fleet.mattermost")
public interface MattermostConfig {

    @WithDefault("false")
    boolean enabled();

    /** The token Mattermost shows once the slash command is created; every command request carries it. */
    Optional<String> commandToken();

    /**
     * Hosts a {@code response_url} (and the alert webhook) may point at — the Mattermost server's own host. Nothing
     * else is called: the URL came from a request. None configured: no follow-ups are posted.
     */
    Optional<List<String>> responseUrlHosts();

    /** The incoming webhook of the alert channel ({@code https://mattermost.example/hooks/…}); none: no alerts. */
    Optional<String> alertWebhookUrl();

    /**
     * The Mattermost server's address ({@code https://mattermost.example}), with {@link #apiToken()}: to ask a user's
     * language ({@code GET /api/v4/users/{id}}). Without both, users are answered in {@code fleet.chat.locale}.
     */
    Optional<String> apiUrl();

    /** A bot's or personal access token allowed to read users (from a Secret). */
    Optional<String> apiToken();

    /**
     * How long a command or button press may take before its answer is "Working on it." and the reply is posted through
     * the command's {@code response_url} when ready. Mattermost waits for the answer up to its own outgoing-integration
     * timeout (30 s by default), and one request to a hung Kubernetes API server alone takes the client's timeout (10 s).
     */
    @WithDefault("5s")
    java.time.Duration answerWithin();

    /** Channel IDs fleet-ops answers in; empty means every channel the command is used in. */
    Optional<List<String>> allowedChannels();
}
