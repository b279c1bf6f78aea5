package lab.miribit.fleetops.chat.discord;

import java.util.List;
import java.util.Map;

/**
 * What the Discord adapter needs of an interaction, whatever delivered it: JDA's events in production, plain
 * doubles in tests. Discord fixes a reply's visibility when it is deferred, so the deferred reply is always the
 * asker's own (reads, refusals, confirmation prompts); what the channel should see, an accepted action and its
 * progress, is posted as a follow-up.
 */
public interface DiscordInteraction {

    /** The interaction's own id: one per command or button press, whichever gateway session delivers it. */
    String id();

    String guildId();

    String channelId();

    String userId();

    String userName();

    /** The user's client language as Discord reports it with each interaction ({@code ko}, {@code en-US} …). */
    String locale();

    /** IDs of the member's roles in the guild. */
    List<String> roleIds();

    /** Acknowledges within Discord's 3 s ("thinking…", seen only by the asker); {@link #edit} answers there. */
    void defer();

    /** Replaces the deferred reply, which only the asker sees. */
    void edit(DiscordMessage message);

    /** Posts {@code message} for the whole channel, as a follow-up that can be kept up to date. */
    Post postToChannel(DiscordMessage message);

    /** A follow-up the channel sees. */
    interface Post {
        void edit(DiscordMessage message);
    }

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
