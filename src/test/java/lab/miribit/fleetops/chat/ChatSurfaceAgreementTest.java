package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.chat.discord.DiscordOptions;

/**
 * {@code chat-commands/} is the one source of the chat surface: the parser, the help, the Slack manifests, the
 * Discord registration, every documented example and the README must say the same thing.
 */
class ChatSurfaceAgreementTest {

    private static final ChatText EN = new ChatLocales("en").service();

    private static final Path DIR = Path.of("chat-commands");
    private static final Pattern DISCORD_NAME = Pattern.compile("[-_\\p{Ll}\\p{N}]{1,32}");

    private final ObjectMapper json = new ObjectMapper();
    private final ChatGrammar grammar = new ChatGrammar(CommandCatalog.load(json));
    private final CommandCatalog catalog = grammar.catalog();

    @Test
    void everyDocumentedExampleParsesAsItsCommand() {
        for (CommandCatalog.Definition command : catalog.commands()) {
            assertThat(command.examples()).as(command.name() + " has examples").isNotEmpty();
            for (String example : command.examples()) {
                ChatGrammar.Line line = grammar.parse(example, EN);
                assertThat(line.definition().name()).as(example).isEqualTo(command.name());
                assertThat(grammar.parse(catalog.slashCommand() + " " + example, EN).canonical()).isEqualTo(line.canonical());
            }
        }
    }

    @Test
    void helpListsEveryCommandWithItsGeneratedUsage() {
        String overview = HelpReplies.overview(catalog, EN).text();
        for (CommandCatalog.Definition command : catalog.commands()) {
            assertThat(overview).contains(command.usage(catalog.slashCommand()));
            String detail = HelpReplies.command(catalog, command, EN).text();
            command.flags().forEach(flag -> assertThat(detail).contains(flag.name()).contains(flag.help()));
            command.examples().forEach(example -> assertThat(detail).contains(catalog.slashCommand() + " " + example));
            assertThat(detail).contains("needs the role " + command.role());
        }
    }

    @Test
    void theDiscordRegistrationHasOneSubcommandPerCommandWithMatchingOptions() throws IOException {
        JsonNode registration = json.readTree(DIR.resolve("discord-commands.json").toFile());
        assertThat(registration).hasSize(1);
        JsonNode fleet = registration.get(0);
        assertThat("/" + fleet.get("name").asText()).isEqualTo(catalog.slashCommand());
        // Servers only (context 0, GUILD); contexts replaces the deprecated dm_permission.
        assertThat(fleet.get("contexts")).hasSize(1);
        assertThat(fleet.get("contexts").get(0).asInt()).isZero();
        assertThat(fleet.has("dm_permission")).isFalse();
        List<String> subcommands = new ArrayList<>();
        fleet.get("options").forEach(sub -> subcommands.add(sub.get("name").asText()));
        assertThat(subcommands).containsExactlyElementsOf(catalog.commands().stream().map(CommandCatalog.Definition::name).toList());

        for (JsonNode sub : fleet.get("options")) {
            CommandCatalog.Definition command = catalog.find(sub.get("name").asText()).orElseThrow();
            assertThat(sub.get("type").asInt()).isEqualTo(1);
            assertThat(sub.get("description").asText()).hasSizeBetween(1, 100);
            List<String> expected = new ArrayList<>();
            command.args().forEach(arg -> expected.add(DiscordOptions.argumentOption(arg) + (arg.required() ? "!" : "")));
            command.flags().forEach(flag -> expected.add(DiscordOptions.flagOption(flag)));
            List<String> actual = new ArrayList<>();
            boolean optionalSeen = false;
            for (JsonNode option : sub.get("options")) {
                String name = option.get("name").asText();
                assertThat(name).matches(DISCORD_NAME);
                assertThat(option.get("description").asText()).hasSizeBetween(1, 100);
                boolean required = option.path("required").asBoolean(false);
                assertThat(required && optionalSeen).as("Discord wants required options first").isFalse();
                optionalSeen |= !required;
                CommandCatalog.Flag flag = command.flag("--" + name).orElse(null);
                int expectedType = flag != null && flag.value() == null ? 5 : 3;
                assertThat(option.get("type").asInt()).as(command.name() + " " + name).isEqualTo(expectedType);
                actual.add(name + (required ? "!" : ""));
            }
            assertThat(actual).as(command.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Korean clients see Korean descriptions (Discord's limit: 100 characters), the subcommands' from the bundle. */
    @Test
    void theDiscordRegistrationDescribesEverythingInKoreanToo() throws IOException {
        ChatText korean = new ChatLocales("ko").service();
        JsonNode fleet = json.readTree(DIR.resolve("discord-commands.json").toFile()).get(0);
        List<JsonNode> described = new ArrayList<>(List.of(fleet));
        for (JsonNode sub : fleet.get("options")) {
            String summary = korean.get("command." + sub.get("name").asText());
            assertThat(sub.at("/description_localizations/ko").asText()).as(sub.get("name").asText())
                    .isEqualTo(summary.length() <= 100 ? summary : summary.substring(0, 99) + "…");
            described.add(sub);
            sub.path("options").forEach(described::add);
        }
        assertThat(described).allSatisfy(node -> assertThat(node.at("/description_localizations/ko").asText())
                .as(node.get("name").asText()).hasSizeBetween(1, 100).matches("(?s).*\\p{IsHangul}.*"));
    }

    @Test
    void theSlackManifestsDeclareTheSlashCommandScopesAndInteractivity() throws IOException {
        for (String file : List.of("slack-app-manifest.json", "slack-app-manifest.http.json")) {
            JsonNode manifest = json.readTree(DIR.resolve(file).toFile());
            JsonNode slash = manifest.at("/features/slash_commands/0");
            assertThat(slash.get("command").asText()).as(file).isEqualTo(catalog.slashCommand());
            assertThat(slash.get("usage_hint").asText()).hasSizeLessThan(1000);
            for (String shown : slash.get("usage_hint").asText().split(" \\| ")) {
                String name = shown.trim().split(" ")[0];
                assertThat(catalog.find(name)).as("usage hint names " + name).isPresent();
            }
            List<String> scopes = new ArrayList<>();
            manifest.at("/oauth_config/scopes/bot").forEach(scope -> scopes.add(scope.asText()));
            assertThat(scopes).as(file).contains("commands", "chat:write");
            assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).as(file).isTrue();
        }
        JsonNode socket = json.readTree(DIR.resolve("slack-app-manifest.json").toFile());
        assertThat(socket.at("/settings/socket_mode_enabled").asBoolean()).isTrue();
        JsonNode http = json.readTree(DIR.resolve("slack-app-manifest.http.json").toFile());
        assertThat(http.at("/settings/socket_mode_enabled").asBoolean()).isFalse();
        assertThat(http.at("/features/slash_commands/0/url").asText()).endsWith("/slack/events");
        assertThat(http.at("/settings/interactivity/request_url").asText()).endsWith("/slack/events");
    }

    /**
     * commands.json's role of a command (what help shows) is the one its parsed request demands — the request is the
     * only truth; every command of the catalog is tried, reads and actions alike.
     */
    @Test
    void everyCommandShowsTheRoleItsRequestNeeds() {
        ChatGrammar grammar = new ChatGrammar(catalog);
        ChatText english = new ChatLocales("en").service();
        java.util.Map<String, String> lines = java.util.Map.ofEntries(java.util.Map.entry("status", "status"),
                java.util.Map.entry("apps", "apps cluster-03"), java.util.Map.entry("sync", "sync cluster-03"),
                java.util.Map.entry("refresh", "refresh grafana-cluster-01"),
                java.util.Map.entry("history", "history grafana-cluster-01"),
                java.util.Map.entry("rollback", "rollback grafana-cluster-01"),
                java.util.Map.entry("autosync", "autosync grafana-cluster-01 on"), java.util.Map.entry("revert", "revert 4f2a9c1"),
                java.util.Map.entry("diagnose", "diagnose"), java.util.Map.entry("certs", "certs"), java.util.Map.entry("s3", "s3"),
                java.util.Map.entry("bootstrap", "bootstrap --dry-run"), java.util.Map.entry("op", "op"));
        assertThat(catalog.commands()).extracting(CommandCatalog.Definition::name).filteredOn(name -> !name.equals("help"))
                .containsExactlyInAnyOrderElementsOf(lines.keySet());
        lines.forEach((name, line) -> {
            ChatGrammar.Ask ask = (ChatGrammar.Ask) grammar.parse(line, english);
            assertThat(ask.definition().name()).isEqualTo(name);
            assertThat(ask.definition().role()).as(name).isEqualTo(ask.request().requiredRole().roleName());
        });
        assertThat(catalog.find("help").orElseThrow().role()).isEqualTo("fleet-viewer");
    }

    /** The body for Mattermost's {@code POST /api/v4/commands}: its trigger, method and URL, its hint naming only commands. */
    @Test
    void theMattermostCommandDefinitionAgreesWithTheCatalog() throws IOException {
        JsonNode command = json.readTree(DIR.resolve("mattermost-command.json").toFile());
        assertThat("/" + command.get("trigger").asText()).isEqualTo(catalog.slashCommand());
        assertThat(command.get("method").asText()).isEqualTo("P");
        assertThat(command.get("url").asText()).startsWith("https://").endsWith("/mattermost/command");
        assertThat(command.get("auto_complete").asBoolean()).isTrue();
        List<String> hinted = new ArrayList<>();
        for (String shown : command.get("auto_complete_hint").asText().split(" \\| ")) {
            hinted.add(shown.trim().split(" ")[0]);
        }
        assertThat(hinted).containsExactlyElementsOf(catalog.commands().stream().map(CommandCatalog.Definition::name).toList());
    }

    @Test
    void theReadmeDocumentsEveryCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (CommandCatalog.Definition command : catalog.commands()) {
            assertThat(readme).as(command.name()).contains("`" + command.usage(catalog.slashCommand()) + "`");
        }
    }
}
