package lab.miribit.fleetops.chat.discord;

import java.util.List;

import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;

/** A {@link lab.miribit.fleetops.chat.ChatReply} as a Discord embed with buttons. */
public final class DiscordRenderer {

    public static final String CONFIRM_PREFIX = "fleet-confirm:";
    public static final String CANCEL_PREFIX = "fleet-cancel:";
    /** Discord's limits: title 256, description 4096 characters. */
    private static final int TITLE_LIMIT = 256;
    private static final int DESCRIPTION_LIMIT = 4096;

    private DiscordRenderer() {
    }

    public static DiscordMessage render(ChatReply reply, ChatText t) {
        String description = String.join("\n", reply.lines());
        if (description.length() > DESCRIPTION_LIMIT) {
            description = description.substring(0, DESCRIPTION_LIMIT - 1) + "…";
        }
        List<DiscordMessage.Button> buttons = reply.confirmation() == null ? List.of() : List.of(
                new DiscordMessage.Button(CONFIRM_PREFIX + reply.confirmation().token(), t.get("button.confirm"), "danger"),
                new DiscordMessage.Button(CANCEL_PREFIX + reply.confirmation().token(), t.get("button.cancel"), "secondary"));
        boolean shared = reply.kind() == ChatReply.Kind.ACCEPTED || reply.operationId() != null && reply.kind() == ChatReply.Kind.INFO;
        return new DiscordMessage(truncate(reply.title()), description, color(reply.kind()),
                reply.operationId() == null ? null : t.get("operation.label", reply.operationId()), buttons, !shared);
    }

    /** The asker's own note that their accepted action is now followed in the channel. */
    public static DiscordMessage postedToChannel(ChatReply reply, ChatText t) {
        return new DiscordMessage(truncate(reply.title()), t.get("discord.posted"),
                color(reply.kind()), reply.operationId() == null ? null : t.get("operation.label", reply.operationId()), List.of(), true);
    }

    private static String truncate(String title) {
        return title.length() > TITLE_LIMIT ? title.substring(0, TITLE_LIMIT - 1) + "…" : title;
    }

    private static int color(ChatReply.Kind kind) {
        return switch (kind) {
            case INFO -> 0x457B9D;
            case ACCEPTED -> 0x2A9D8F;
            case CONFIRM -> 0xE9C46A;
            case REFUSED -> 0xE76F51;
            case ERROR -> 0xD62828;
            case ALERT -> 0xF4A261;
        };
    }
}
