package lab.miribit.fleetops.chat.discord;

import java.util.List;
import java.util.Map;

/**
 * What the Discord adapter needs of an interaction, whatever delivered it: JDA's events in production, plain
 * doubles in tests. Replies edit the one deferred message, as Discord expects after a deferral.
 */
public interface DiscordInteraction {

    String guildId();

    String channelId();

    String userId();

    String userName();

    /** IDs of the member's roles in the guild. */
    List<String> roleIds();

    /** Acknowledges within Discord's 3 s ("thinking…"); everything after edits the deferred reply. */
    void defer(boolean ephemeral);

    void edit(DiscordMessage message);

    /** A slash command: its subcommand and option values (strings, or booleans for flags). */
    interface Command extends DiscordInteraction {
        String subcommand();

        Map<String, Object> options();
    }

    /** A button press on one of fleet-ops' messages. */
    interface ButtonPress extends DiscordInteraction {
        String customId();
    }
}
