package lab.miribit.fleetops.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may do what in chat, and how much. */
@ConfigMapping(prefix = "fleet.chat")
public interface ChatConfig {

    /**
     * Role → the chat user and group IDs that hold it (Slack {@code U…}/{@code S…}, Discord snowflakes), e.g.
     * {@code fleet.chat.roles.fleet-operator=U024BE7LH,S0614TZR7}.
     */
    Map<String, List<String>> roles();

    /** The role of a chat user listed nowhere: {@code fleet-viewer}, or {@code none} to answer them nothing but help. */
    @WithDefault("fleet-viewer")
    String unknownUsers();

    /** Commands one user may send per minute. */
    @WithDefault("10")
    int rateLimitPerMinute();

    /** The language of replies and alerts when the platform does not tell a person's own: {@code en} or {@code ko}. */
    @WithDefault("en")
    String locale();

    /** How long a confirm button stays valid. */
    @WithDefault("5m")
    Duration confirmationTimeout();
}
