package lab.miribit.fleetops.chat.discord;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.chat.ChatDeadline;
import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.ChatService;
import lab.miribit.fleetops.chat.ChatUsers;
import lab.miribit.fleetops.chat.OperationWatcher;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.OperationService;
import lab.miribit.fleetops.operations.Via;

/**
 * Discord's side of the chat: defers at once (Discord allows 3 s) privately — a deferral's visibility cannot change
 * later, and reads, refusals and confirmation prompts are the asker's own — turns the subcommand and its options
 * into the same text line a Slack user types and runs it through the {@link ChatService}, off JDA's event thread. An accepted action is
 * posted for the channel as a follow-up and kept up to date until it ends (the interaction token lasts 15 minutes).
 */
@ApplicationScoped
public class DiscordCommandHandler {

    /** How long Discord lets an interaction be answered. */
    private static final Duration INTERACTION_LIFETIME = Duration.ofMinutes(15);
    /** Edits of a deferred reply: as often as every second, for the 15 minutes its interaction token lives. */
    private static final OperationWatcher.Limits EDITS = new OperationWatcher.Limits(Duration.ofSeconds(1), Integer.MAX_VALUE,
            Duration.ofMinutes(14));

    private final ChatService chat;
    private final ChatUsers users;
    private final OperationWatcher watcher;
    private final DiscordConfig config;
    private final ChatLocales locales;
    private final ChatDeadline deadline;

    DiscordCommandHandler(ChatService chat, ChatUsers users, OperationWatcher watcher, DiscordConfig config, ChatLocales locales,
            ChatDeadline deadline) {
        this.deadline = deadline;
        this.locales = locales;
        this.chat = chat;
        this.users = users;
        this.watcher = watcher;
        this.config = config;
    }

    public void onCommand(DiscordInteraction.Command interaction) {
        interaction.defer();
        ChatText t = locales.of(interaction.locale());
        if (!channelAllowed(interaction.channelId())) {
            interaction.edit(DiscordRenderer.render(ChatReply.refusedHere(t), t));
            return;
        }
        String line = DiscordOptions.line(chat.grammar().catalog(), interaction.subcommand(), interaction.options());
        answer(() -> chat.handle(callerOf(interaction), userKey(interaction), line, null, t, delivery(interaction)), interaction, t);
    }

    public void onButton(DiscordInteraction.ButtonPress press) {
        press.defer();
        ChatText t = locales.of(press.locale());
        // A button lives in a message, and a message can be forwarded or its buttons pressed where fleet-ops does not
        // serve: the channel is checked again, as for a command.
        if (!channelAllowed(press.channelId())) {
            press.edit(DiscordRenderer.render(ChatReply.refusedHere(t), t));
            return;
        }
        String id = press.customId();
        if (id.startsWith(DiscordRenderer.CONFIRM_PREFIX)) {
            answer(() -> chat.confirm(callerOf(press), userKey(press), id.substring(DiscordRenderer.CONFIRM_PREFIX.length()), t,
                    delivery(press)), press, t);
        } else if (id.startsWith(DiscordRenderer.CANCEL_PREFIX)) {
            answer(() -> chat.cancel(userKey(press), id.substring(DiscordRenderer.CANCEL_PREFIX.length()), t), press, t);
        }
    }

    /**
     * Runs the command on the chat pool and shows its reply there: JDA calls listeners on its gateway connection's reading
     * thread, which a command waiting on a hung API server (for the client's whole timeout) must not hold — every other
     * interaction, and the gateway's own traffic, would wait behind it. The deferral already answered Discord.
     */
    private void answer(Supplier<ChatReply> command, DiscordInteraction interaction, ChatText t) {
        deadline.within(Duration.ZERO, command, reply -> show(reply, interaction, t), t).ifPresent(reply -> show(reply, interaction, t));
    }

    /** An accepted action goes to the channel and is followed there; any other answer stays with the asker. */
    private void show(ChatReply reply, DiscordInteraction interaction, ChatText t) {
        if (reply.kind() != ChatReply.Kind.ACCEPTED || reply.operationId() == null) {
            interaction.edit(DiscordRenderer.render(reply, t));
            return;
        }
        DiscordInteraction.Post post = interaction.postToChannel(DiscordRenderer.render(reply, t));
        interaction.edit(DiscordRenderer.postedToChannel(reply, t));
        watcher.watch(reply.operationId(), EDITS, t, progress -> post.edit(DiscordRenderer.render(progress, t)));
    }

    private Caller callerOf(DiscordInteraction interaction) {
        return users.callerFor(Via.DISCORD, interaction.guildId(), interaction.userId(), interaction.userName(), interaction.roleIds());
    }

    /** Two gateway sessions (two replicas) may both receive one interaction: its id makes the action run once. */
    private static OperationService.Delivery delivery(DiscordInteraction interaction) {
        return new OperationService.Delivery("discord:" + interaction.id(), INTERACTION_LIFETIME);
    }

    private static String userKey(DiscordInteraction interaction) {
        return ChatUsers.key(Via.DISCORD, interaction.guildId(), interaction.userId());
    }

    private boolean channelAllowed(String channelId) {
        return config.allowedChannels().map(channels -> channels.contains(channelId)).orElse(true);
    }
}
