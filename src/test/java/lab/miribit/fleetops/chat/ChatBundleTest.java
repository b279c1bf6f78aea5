package lab.miribit.fleetops.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import lab.miribit.fleetops.operations.Phrasebook;

/**
 * Every text a person reads in chat comes from the bundles: both languages hold the same keys with the same
 * placeholders, Korean has every command's and flag's description, and the chat code builds no sentence of its own.
 */
class ChatBundleTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Two words in a string literal: a sentence meant for a reader. */
    private static final Pattern SENTENCE = Pattern.compile("\\p{L}{2,}\\s+\\p{L}{2,}|\\p{IsHangul}");
    /**
     * Lines whose literals are for operators (start-up errors, logs) or for the platform's server (an adapter's HTTP
     * resource answers a malformed request in problem+json, in English like the rest of the REST API), not for people.
     */
    private static final List<String> NOT_CHAT = List.of("LOG.", "Exception(", "\"fleet.", ".entity(\"{", "@Operation(",
            "Slack HTTP mode is not enabled", "Mattermost is not enabled");

    private final Map<String, String> english = Phrasebook.load("chat/messages", Locale.ENGLISH).phrases();
    private final Map<String, String> korean = Phrasebook.load("chat/messages", Locale.KOREAN).phrases();

    @Test
    void bothLanguagesHoldTheSameKeysWithTheSamePlaceholders() {
        Set<String> koreanKeys = new TreeSet<>(korean.keySet());
        koreanKeys.removeIf(key -> key.startsWith("command."));
        assertThat(new TreeSet<>(english.keySet())).isEqualTo(koreanKeys);
        english.forEach((key, text) -> assertThat(placeholders(korean.get(key))).as(key).isEqualTo(placeholders(text)));
        english.keySet().stream().filter(key -> key.endsWith(".one"))
                .forEach(key -> assertThat(english).as("the other form of " + key).containsKey(key.replace(".one", ".other")));
    }

    @Test
    void koreanDescribesEveryCommandAndFlagAndEnglishTakesThemFromTheCatalog() {
        CommandCatalog catalog = CommandCatalog.load(new ObjectMapper());
        Set<String> expected = new TreeSet<>();
        for (CommandCatalog.Definition command : catalog.commands()) {
            expected.add("command." + command.name());
            command.flags().forEach(flag -> expected.add("command." + command.name() + "." + flag.name()));
        }
        Set<String> described = new TreeSet<>(korean.keySet());
        described.removeIf(key -> !key.startsWith("command."));
        assertThat(described).isEqualTo(expected);
        assertThat(english.keySet()).noneMatch(key -> key.startsWith("command."));
        korean.entrySet().stream().filter(e -> e.getKey().startsWith("command.")).forEach(e -> assertThat(e.getValue())
                .as(e.getKey()).matches(".*\\p{IsHangul}.*"));
    }

    /** Every reason the service below the chat gives a refusal is worded in both languages, and no wording is left over. */
    @Test
    void everyReasonOfARefusalIsWorded() throws IOException {
        Pattern reason = Pattern.compile("Reason\\.of\\(\"([a-z-]+)\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/lab/miribit/fleetops"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher found = reason.matcher(Files.readString(source));
                while (found.find()) {
                    codes.add("problem." + found.group(1));
                }
            }
        }
        Set<String> worded = new TreeSet<>(english.keySet());
        worded.removeIf(key -> !key.startsWith("problem."));
        assertThat(codes).hasSizeGreaterThanOrEqualTo(10).isEqualTo(worded);
    }

    @Test
    void theChatCodeBuildsNoSentenceOfItsOwn() throws IOException {
        List<String> sentences = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/lab/miribit/fleetops/chat"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).trim();
                    if (line.startsWith("*") || line.startsWith("/") || NOT_CHAT.stream().anyMatch(line::contains)
                            || source.getFileName().toString().endsWith("Resource.java") && line.contains("FleetProblem.")) {
                        continue;
                    }
                    Matcher literal = LITERAL.matcher(line);
                    while (literal.find()) {
                        if (SENTENCE.matcher(literal.group(1)).find()) {
                            sentences.add(source.getFileName() + ":" + (i + 1) + " " + literal.group());
                        }
                    }
                }
            }
        }
        assertThat(sentences).as("user-facing text belongs in chat/messages_*.properties").isEmpty();
    }

    @Test
    void aLanguageIsChosenFromWhatThePlatformReports() {
        ChatLocales locales = new ChatLocales("ko");
        assertThat(locales.service().locale()).isEqualTo(Locale.KOREAN);
        assertThat(locales.of((String) null).locale()).as("nothing reported: the service's").isEqualTo(Locale.KOREAN);
        assertThat(locales.of("en-US").locale()).isEqualTo(Locale.ENGLISH);
        assertThat(locales.of("fr-FR,ko;q=0.8").locale()).as("the first one fleet-ops speaks").isEqualTo(Locale.KOREAN);
        assertThat(locales.of("fr").locale()).as("one it does not speak: English").isEqualTo(Locale.ENGLISH);
        assertThat(locales.of("*").locale()).isEqualTo(Locale.KOREAN);
        assertThat(locales.of(";;garbage==").locale()).isEqualTo(Locale.ENGLISH);
        assertThat(new ChatLocales("en").service().get("refused.role", "sync", "fleet-operator"))
                .isEqualTo("sync needs the role fleet-operator");
        assertThat(locales.service().get("refused.role", "sync", "fleet-operator")).isEqualTo("sync 명령에는 fleet-operator 역할이 필요합니다");
        assertThat(locales.service().count("apps.title.cluster", 3, "cluster-03")).isEqualTo("cluster-03의 애플리케이션 3개");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ChatLocales("fr"))
                .hasMessageContaining("fleet.chat.locale must be one of en, ko");
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
