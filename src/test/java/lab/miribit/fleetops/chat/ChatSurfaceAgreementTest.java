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
                ChatGrammar.Line line = grammar.parse(example);
                assertThat(line.definition().name()).as(example).isEqualTo(command.name());
                assertThat(grammar.parse(catalog.slashCommand() + " " + example).canonical()).isEqualTo(line.canonical());
            }
        }
    }

    @Test
    void helpListsEveryCommandWithItsGeneratedUsage() {
        String overview = HelpReplies.overview(catalog).text();
        for (CommandCatalog.Definition command : catalog.commands()) {
            assertThat(overview).contains(command.usage(catalog.slashCommand()));
            String detail = HelpReplies.command(catalog, command).text();
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

    @Test
    void theReadmeDocumentsEveryCommand() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (CommandCatalog.Definition command : catalog.commands()) {
            assertThat(readme).as(command.name()).contains("`" + command.usage(catalog.slashCommand()) + "`");
        }
    }
}
