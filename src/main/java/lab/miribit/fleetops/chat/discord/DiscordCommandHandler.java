package lab.miribit.fleetops.chat.discord;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.chat.ChatUsers;
import lab.miribit.fleetops.chat.OperationWatcher;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Via;

/**
 * Discord's side of the chat: defers at once (Discord allows 3 s), turns the subcommand and its options into
 * the same text line a Slack user types, runs it through the {@link ChatService} and edits the deferred reply;
 * an accepted action's reply is then kept up to date until it ends (the interaction token lasts 15 minutes).
 */
@ApplicationScoped
public class DiscordCommandHandler {

    /** Commands whose answers the channel sees; every other answer only its asker. */
    private static final Set<String> SHARED = Set.of("sync", "refresh");
    /** Edits of a deferred reply: as often as every second, for the 15 minutes its interaction token lives. */
    private static final OperationWatcher.Limits EDITS = new OperationWatcher.Limits(Duration.ofSeconds(1), Integer.MAX_VALUE,
            Duration.ofMinutes(14));

    private final ChatService chat;
    private final ChatUsers users;
    private final OperationWatcher watcher;
    private final DiscordConfig config;

    DiscordCommandHandler(ChatService chat, ChatUsers users, OperationWatcher watcher, DiscordConfig config) {
        this.chat = chat;
        this.users = users;
        this.watcher = watcher;
        this.config = config;
    }

    public void onCommand(DiscordInteraction.Command interaction) {
        interaction.defer(!SHARED.contains(interaction.subcommand()));
        if (!channelAllowed(interaction.channelId())) {
            interaction.edit(DiscordRenderer.render(ChatReply.refusedHere()));
            return;
        }
        String line = DiscordOptions.line(chat.grammar().catalog(), interaction.subcommand(), interaction.options());
        ChatReply reply = chat.handle(callerOf(interaction), userKey(interaction), line, null);
        interaction.edit(DiscordRenderer.render(reply));
        follow(reply, interaction);
    }

    public void onButton(DiscordInteraction.ButtonPress press) {
        press.defer(false);
        String id = press.customId();
        ChatReply reply;
        if (id.startsWith(DiscordRenderer.CONFIRM_PREFIX)) {
            reply = chat.confirm(callerOf(press), userKey(press), id.substring(DiscordRenderer.CONFIRM_PREFIX.length()));
        } else if (id.startsWith(DiscordRenderer.CANCEL_PREFIX)) {
            reply = chat.cancel(userKey(press), id.substring(DiscordRenderer.CANCEL_PREFIX.length()));
        } else {
            return;
        }
        press.edit(DiscordRenderer.render(reply));
        follow(reply, press);
    }

    private void follow(ChatReply reply, DiscordInteraction interaction) {
        if (reply.kind() == ChatReply.Kind.ACCEPTED && reply.operationId() != null) {
            watcher.watch(reply.operationId(), EDITS, progress -> interaction.edit(DiscordRenderer.render(progress)));
        }
    }

    private Caller callerOf(DiscordInteraction interaction) {
        return users.callerFor(Via.DISCORD, interaction.userId(), interaction.userName(), interaction.roleIds());
    }

    private static String userKey(DiscordInteraction interaction) {
        return "discord:" + interaction.guildId() + ":" + interaction.userId();
    }

    private boolean channelAllowed(String channelId) {
        return config.allowedChannels().map(channels -> channels.contains(channelId)).orElse(true);
    }
}
