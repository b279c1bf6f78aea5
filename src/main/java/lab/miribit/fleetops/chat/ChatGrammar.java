package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.Query;
import lab.miribit.fleetops.operations.Request;
import lab.miribit.fleetops.operations.ResourceRef;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * The chat grammar: text in, a checked {@link Request} out — the same {@link Command} or {@link Query} that the REST
 * API builds — or an error that says what was wrong and what to type instead. Pure — it knows the command
 * definitions, nothing of the fleet — so that whether a sync target is a cluster or an application is decided where
 * the fleet is known ({@link Command.SyncTargets}), never by a silent default.
 */
public final class ChatGrammar {

    static final int MAX_LENGTH = 1000;
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{7,40}");
    private static final Pattern HISTORY_ID = Pattern.compile("[0-9]{1,9}");
    private static final Pattern SWITCH = Pattern.compile("on|off");
    private static final Pattern OPERATION_ID = Pattern.compile("op-[a-z0-9]{10}");

    private final CommandCatalog catalog;

    public ChatGrammar(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    /** One parsed command line; {@code canonical} is the line with single spaces and without the slash command. */
    public sealed interface Line {
        CommandCatalog.Definition definition();

        String canonical();
    }

    /** Help about the chat itself, or about {@code topic}, one of its commands; null for the overview. */
    public record Help(String topic, CommandCatalog.Definition definition, String canonical) implements Line {
    }

    /**
     * A request to the fleet.
     *
     * @param needsConfirmation whether it must be confirmed before it runs (per its definition and the flags given);
     *                          what a confirmation is bound to is {@code canonical}
     */
    public record Ask(Request request, CommandCatalog.Definition definition, String canonical, boolean needsConfirmation)
            implements Line {
    }

    /** Parses one command line, with or without the leading slash command; mistakes are told in {@code t}'s language. */
    public Line parse(String text, ChatText t) {
        List<String> words = words(text, t);
        if (words.isEmpty()) {
            return new Help(null, catalog.find("help").orElseThrow(), "help");
        }
        String name = words.get(0);
        CommandCatalog.Definition definition = catalog.find(name).orElseThrow(() -> unknownCommand(name, t));
        Parsed parsed = bind(definition, words.subList(1, words.size()), t);
        String canonical = String.join(" ", words);
        if (definition.name().equals("help")) {
            return new Help(parsed.arg(0), definition, canonical);
        }
        return new Ask(request(definition, parsed, t), definition, canonical, definition.asksConfirmation(parsed.flags().keySet()));
    }

    /** The arguments and flags of one command line, each checked against its definition. */
    private record Parsed(List<String> args, Map<String, List<String>> flags) {
        boolean has(String flag) {
            return flags.containsKey(flag);
        }

        String value(String flag) {
            List<String> values = flags.get(flag);
            return values == null ? null : values.get(0);
        }

        String arg(int index) {
            return index < args.size() ? args.get(index) : null;
        }
    }

    private List<String> words(String text, ChatText t) {
        if (text == null) {
            return List.of();
        }
        if (text.length() > MAX_LENGTH) {
            throw new ChatRefusal(t.get("grammar.too-long", MAX_LENGTH, catalog.slashCommand()));
        }
        // Controls, and characters that change how text looks without being seen (U+202E reverses what follows) or that
        // are half a character (a lone surrogate): a command has no use for them, and an echo must not carry them.
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
                || Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.SURROGATE)) {
            throw new ChatRefusal(t.get("grammar.invisible"));
        }
        List<String> words = new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
        words.removeIf(String::isEmpty);
        if (!words.isEmpty() && words.get(0).equals(catalog.slashCommand())) {
            words.remove(0);
        }
        return words;
    }

    private Parsed bind(CommandCatalog.Definition definition, List<String> rest, ChatText t) {
        List<String> args = new ArrayList<>();
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (!word.startsWith("--")) {
                args.add(word);
                continue;
            }
            String flagName = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            CommandCatalog.Flag flag = definition.flag(flagName).orElseThrow(() -> new ChatRefusal(
                    t.get("grammar.not-a-flag", shown(flagName), definition.name(), usage(definition))));
            String value = null;
            if (flag.value() != null) {
                if (word.contains("=")) {
                    value = word.substring(word.indexOf('=') + 1);
                } else if (i + 1 < rest.size() && !rest.get(i + 1).startsWith("--")) {
                    value = rest.get(++i);
                }
                if (value == null || value.isEmpty()) {
                    throw new ChatRefusal(t.get("grammar.needs-value", flag.name(), flag.value()));
                }
            } else if (word.contains("=")) {
                throw new ChatRefusal(t.get("grammar.takes-no-value", flag.name()));
            }
            List<String> values = flags.computeIfAbsent(flag.name(), f -> new ArrayList<>());
            if (!values.isEmpty() && !flag.repeated()) {
                throw new ChatRefusal(t.get("grammar.given-twice", flag.name()));
            }
            values.add(value);
        }
        // Values first: "cluster-03; rm -rf /" is refused for its bad name, the clearest of its faults.
        for (int i = 0; i < args.size() && !definition.args().isEmpty(); i++) {
            CommandCatalog.Arg arg = definition.args().get(Math.min(i, definition.args().size() - 1));
            if (i < definition.args().size() || arg.repeated()) {
                checkValue(arg, args.get(i), t);
            }
        }
        checkArity(definition, args, t);
        return new Parsed(args, flags);
    }

    private void checkArity(CommandCatalog.Definition definition, List<String> args, ChatText t) {
        List<CommandCatalog.Arg> declared = definition.args();
        long required = declared.stream().filter(CommandCatalog.Arg::required).count();
        boolean repeated = !declared.isEmpty() && declared.get(declared.size() - 1).repeated();
        if (args.size() < required) {
            CommandCatalog.Arg missing = declared.get(args.size());
            throw new ChatRefusal(t.get("grammar.needs-argument", definition.name(), missing.name(), usage(definition)));
        }
        if (!repeated && args.size() > declared.size()) {
            throw new ChatRefusal(t.get("grammar.extra-argument", definition.name(),
                    shown(args.get(declared.size())), usage(definition)));
        }
    }

    private void checkValue(CommandCatalog.Arg arg, String value, ChatText t) {
        switch (arg.kind()) {
            case "cluster", "app", "target" -> requireName(t.get("grammar.kind." + arg.kind()), value, t);
            case "command" -> catalog.find(value).orElseThrow(() -> unknownCommand(value, t));
            case "sha" -> require(SHA, value, t.get("grammar.rule.sha"), t);
            case "history-id" -> require(HISTORY_ID, value, t.get("grammar.rule.history-id"), t);
            case "switch" -> require(SWITCH, value, t.get("grammar.rule.switch"), t);
            case "operation-id" -> require(OPERATION_ID, value, t.get("grammar.rule.operation-id"), t);
            default -> throw new IllegalStateException("unknown argument kind " + arg.kind() + " in " + CommandCatalog.RESOURCE);
        }
    }

    /** The sync flags, checked by the same rules as the REST API's, with the refusal in the user's language. */
    private static SyncOptions syncOptions(Parsed p, ChatText t) {
        List<ResourceRef> resources = new ArrayList<>();
        for (String resource : p.flags().getOrDefault("--resource", List.of())) {
            try {
                resources.add(ResourceRef.parse(resource));
            } catch (FleetProblem.InvalidInput malformed) {
                throw new ChatRefusal(t.get("grammar.resource"));
            }
        }
        try {
            return new SyncOptions(p.has("--prune"), p.has("--dry-run"), p.value("--revision"), resources);
        } catch (FleetProblem.InvalidInput malformed) {
            throw new ChatRefusal(t.get("grammar.revision"));
        }
    }

    private static Request request(CommandCatalog.Definition definition, Parsed p, ChatText t) {
        return switch (definition.name()) {
            case "status" -> new Query.Status(p.arg(0));
            case "apps" -> new Query.Apps(p.arg(0), p.has("--out-of-sync"), p.has("--unhealthy"));
            case "history" -> new Query.History(p.arg(0));
            case "op" -> new Query.Op(p.arg(0));
            case "diagnose" -> new Query.Diagnose(p.arg(0));
            case "certs" -> new Query.Certs(p.arg(0));
            case "s3" -> new Query.S3();
            case "sync" -> new Command.SyncTargets(p.args(), syncOptions(p, t));
            case "refresh" -> new Command.Refresh(p.arg(0), p.has("--hard"));
            case "rollback" -> new Command.Rollback(p.arg(0), p.arg(1) == null ? null : Long.valueOf(p.arg(1)),
                    p.has("--disable-auto-sync"));
            case "revert" -> new Command.Revert(p.arg(0), p.has("--mr"));
            case "autosync" -> new Command.AutoSync(p.arg(0), "on".equals(p.arg(1)));
            case "bootstrap" -> new Command.Bootstrap(p.has("--dry-run"), List.of());
            default -> throw new IllegalStateException("command " + definition.name() + " has no parser");
        };
    }

    private static void require(Pattern pattern, String value, String rule, ChatText t) {
        if (!pattern.matcher(value).matches()) {
            throw new ChatRefusal(t.get("grammar.invalid", shown(value), rule));
        }
    }

    /** The same rule as {@link DnsLabel}, told in the user's language. */
    private static void requireName(String what, String value, ChatText t) {
        if (!DnsLabel.valid(value)) {
            throw new ChatRefusal(t.get("grammar.name-invalid", what, shown(value)));
        }
    }

    private String usage(CommandCatalog.Definition definition) {
        return definition.usage(catalog.slashCommand());
    }

    private ChatRefusal unknownCommand(String name, ChatText t) {
        return catalog.commands().stream().map(CommandCatalog.Definition::name)
                .filter(known -> distance(known, name) <= 2).findFirst()
                .map(known -> new ChatRefusal(t.get("grammar.unknown.suggest", shown(name), known,
                        catalog.slashCommand())))
                .orElseGet(() -> new ChatRefusal(t.get("grammar.unknown", shown(name), catalog.slashCommand())));
    }

    /** Echoes user input back short and printable. */
    private static String shown(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return cut.replaceAll("[\\p{Cntrl}`*_~<>]", "?");
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
