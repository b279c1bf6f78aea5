package lab.miribit.fleetops.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The chat surface as {@code chat-commands/commands.json} defines it — the one source for the parser, the
 * help text, the Slack manifest and the Discord registration (a test keeps them in agreement).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
// Read from chat-commands/commands.json with Jackson: kept, with its nested records, in the native image.
@io.quarkus.runtime.annotations.RegisterForReflection(targets = { CommandCatalog.class, CommandCatalog.Definition.class,
        CommandCatalog.Arg.class, CommandCatalog.Flag.class })
public record CommandCatalog(String slashCommand, List<Definition> commands) {

    static final String RESOURCE = "chat-commands/commands.json";

    /** One command: its arguments, flags, the role it needs and whether it asks for confirmation. */
    public record Definition(String name, String summary, List<Arg> args, List<Flag> flags, String role, String confirm,
            List<String> examples) {

        public Optional<Flag> flag(String flagName) {
            return flags.stream().filter(f -> f.name().equals(flagName)).findFirst();
        }

        /** {@code /fleet sync CLUSTER|APP... [--prune] [--revision REV]...}, generated, never written by hand. */
        public String usage(String slashCommand) {
            StringBuilder usage = new StringBuilder(slashCommand).append(' ').append(name);
            for (Arg arg : args) {
                String shown = arg.name() + (arg.repeated() ? "..." : "");
                usage.append(' ').append(arg.required() ? shown : "[" + shown + "]");
            }
            for (Flag flag : flags) {
                usage.append(" [").append(flag.name()).append(flag.value() == null ? "" : " " + flag.value()).append(']')
                        .append(flag.repeated() ? "..." : "");
            }
            return usage.toString();
        }

        /** Whether this invocation must be confirmed: {@code always}, {@code never}, or {@code with --flag}. */
        public boolean asksConfirmation(java.util.Set<String> flagsGiven) {
            if ("always".equals(confirm)) {
                return true;
            }
            return confirm.startsWith("with ") && flagsGiven.contains(confirm.substring(5));
        }
    }

    /**
     * A positional argument. {@code kind}: {@code cluster}, {@code app}, {@code target} (cluster or app),
     * {@code command}, {@code sha}, {@code history-id} or {@code operation-id}.
     */
    public record Arg(String name, String kind, boolean required, boolean repeated) {
    }

    /** A flag; {@code value} names its argument when it takes one. */
    public record Flag(String name, String value, boolean repeated, String help) {
    }

    public Optional<Definition> find(String name) {
        return commands.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static CommandCatalog load(ObjectMapper json) {
        try (InputStream in = CommandCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return json.readValue(in, CommandCatalog.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
