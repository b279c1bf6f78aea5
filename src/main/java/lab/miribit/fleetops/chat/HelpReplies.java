package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

/** {@code help} and {@code help COMMAND}, generated from the command definitions, in the asker's language. */
final class HelpReplies {

    private HelpReplies() {
    }

    static ChatReply overview(CommandCatalog catalog, ChatText t) {
        List<String> lines = new ArrayList<>();
        for (CommandCatalog.Definition command : catalog.commands()) {
            lines.add(t.get("help.line", command.usage(catalog.slashCommand()), summary(command, t) + notes(command, t)));
        }
        lines.add(t.get("help.more", catalog.slashCommand()));
        return ChatReply.info(t.get("help.title"), lines);
    }

    static ChatReply command(CommandCatalog catalog, CommandCatalog.Definition command, ChatText t) {
        List<String> lines = new ArrayList<>();
        lines.add(summary(command, t) + notes(command, t));
        lines.add(t.get("help.usage", command.usage(catalog.slashCommand())));
        for (CommandCatalog.Flag flag : command.flags()) {
            lines.add("  " + flag.name() + (flag.value() == null ? "" : " " + flag.value()) + " — " + flagHelp(command, flag, t));
        }
        lines.add(t.get("help.role", command.role()));
        for (String example : command.examples()) {
            lines.add(t.get("help.example", catalog.slashCommand() + " " + example));
        }
        return ChatReply.info(catalog.slashCommand() + " " + command.name(), lines);
    }

    /**
     * A command's summary: English is the catalog's own (the Slack manifest and Discord registration carry it too);
     * other languages have theirs in their bundle as {@code command.NAME}.
     */
    static String summary(CommandCatalog.Definition command, ChatText t) {
        String key = "command." + command.name();
        return t.has(key) ? t.get(key) : command.summary();
    }

    static String flagHelp(CommandCatalog.Definition command, CommandCatalog.Flag flag, ChatText t) {
        String key = "command." + command.name() + "." + flag.name();
        return t.has(key) ? t.get(key) : flag.help();
    }

    private static String notes(CommandCatalog.Definition command, ChatText t) {
        if ("never".equals(command.confirm())) {
            return "";
        }
        return " " + ("always".equals(command.confirm()) ? t.get("help.confirm.always")
                : t.get("help.confirm.with", command.confirm().substring("with ".length())));
    }
}
