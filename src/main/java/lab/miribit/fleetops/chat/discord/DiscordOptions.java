package lab.miribit.fleetops.chat.discord;

import java.util.Map;

import lab.miribit.fleetops.chat.CommandCatalog;

/**
 * How the grammar appears as Discord options ({@code chat-commands/discord-commands.json}): one subcommand per
 * command; an argument is a string option named after its kind; a flag is a boolean option (or a string one
 * when it takes a value) named without its dashes. {@link #line} turns an interaction back into the same text
 * a Slack user would type, so both platforms go through one parser.
 */
public final class DiscordOptions {

    private DiscordOptions() {
    }

    public static String argumentOption(CommandCatalog.Arg arg) {
        return arg.kind() + (arg.repeated() ? "s" : "");
    }

    public static String flagOption(CommandCatalog.Flag flag) {
        return flag.name().substring(2);
    }

    /**
     * @param options the option values Discord delivered, by name: strings, or booleans for flags without value
     */
    public static String line(CommandCatalog catalog, String subcommand, Map<String, Object> options) {
        StringBuilder line = new StringBuilder(subcommand);
        CommandCatalog.Definition command = catalog.find(subcommand).orElse(null);
        if (command == null) {
            return subcommand;
        }
        for (CommandCatalog.Arg arg : command.args()) {
            Object value = options.get(argumentOption(arg));
            if (value != null) {
                line.append(' ').append(value.toString().trim());
            }
        }
        for (CommandCatalog.Flag flag : command.flags()) {
            Object value = options.get(flagOption(flag));
            if (value == null || Boolean.FALSE.equals(value)) {
                continue;
            }
            if (flag.value() == null) {
                line.append(' ').append(flag.name());
            } else {
                for (String each : value.toString().trim().split("\\s+")) {
                    line.append(' ').append(flag.name()).append(' ').append(each);
                }
            }
        }
        return line.toString();
    }
}
