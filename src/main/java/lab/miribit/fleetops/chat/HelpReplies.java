package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

/** {@code help} and {@code help COMMAND}, generated from the command definitions. */
final class HelpReplies {

    private HelpReplies() {
    }

    static ChatReply overview(CommandCatalog catalog) {
        List<String> lines = new ArrayList<>();
        for (CommandCatalog.Definition command : catalog.commands()) {
            lines.add(command.usage(catalog.slashCommand()) + " — " + command.summary() + notes(command));
        }
        lines.add("Type " + catalog.slashCommand() + " help COMMAND for one command's flags and examples.");
        return ChatReply.info("fleet-ops commands", lines);
    }

    static ChatReply command(CommandCatalog catalog, CommandCatalog.Definition command) {
        List<String> lines = new ArrayList<>();
        lines.add(command.summary() + notes(command));
        lines.add("usage: " + command.usage(catalog.slashCommand()));
        for (CommandCatalog.Flag flag : command.flags()) {
            lines.add("  " + flag.name() + (flag.value() == null ? "" : " " + flag.value()) + " — " + flag.help());
        }
        lines.add("needs the role " + command.role());
        for (String example : command.examples()) {
            lines.add("example: " + catalog.slashCommand() + " " + example);
        }
        return ChatReply.info(catalog.slashCommand() + " " + command.name(), lines);
    }

    private static String notes(CommandCatalog.Definition command) {
        String notes = "";
        if (!"never".equals(command.confirm())) {
            notes += "always".equals(command.confirm()) ? " (asks to confirm)" : " (asks to confirm " + command.confirm() + ")";
        }
        return notes;
    }
}
