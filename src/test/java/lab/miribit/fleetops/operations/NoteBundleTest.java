package lab.miribit.fleetops.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import lab.miribit.fleetops.problem.FleetProblem;

/**
 * What operations say about their steps and results is worded in both languages, every code the service uses has a
 * wording and no wording is left over, and a note reads the same in English wherever it is shown.
 */
class NoteBundleTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
    /**
     * A code written out where a note is made ({@code Note.of("wave-syncing"}), a code's start completed at run time, or
     * the joiner of a list of notes.
     */
    private static final Pattern CODE = Pattern.compile("(?:Note\\.of|alreadySo|wouldChange)\\(\"([a-z0-9.-]+)\"|\"((?:autosync\\.|synced|dry-run-of|check-ran|switch-autosync|trust\\.|diag\\.trouble\\.)[a-z.-]*)\"|joined\\([^;]*?\"([a-z-]+)\"\\)");

    private final Map<String, String> english = Phrasebook.load("operations/notes", Locale.ENGLISH).phrases();
    private final Map<String, String> korean = Phrasebook.load("operations/notes", Locale.KOREAN).phrases();

    @Test
    void bothLanguagesHoldTheSameCodesWithTheSamePlaceholders() {
        assertThat(korean.keySet()).isEqualTo(english.keySet());
        english.forEach((code, text) -> assertThat(placeholders(korean.get(code))).as(code).isEqualTo(placeholders(text)));
        korean.forEach((code, text) -> {
            if (!code.equals("then") && !code.equals("and") && !code.equals("remark-of") && !code.equals("out-of-sync")
                    && !code.equals("wave-healthy") && !code.equals("wave")) {
                assertThat(text).as(code).matches("(?s).*\\p{IsHangul}.*");
            }
        });
    }

    @Test
    void everyCodeTheServiceUsesIsWordedAndNoWordingIsLeftOver() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java/lab/miribit/fleetops"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher found = CODE.matcher(Files.readString(source));
                while (found.find()) {
                    used.add(found.group(1) != null ? found.group(1) : found.group(2) != null ? found.group(2) : found.group(3));
                }
            }
        }
        // A code may be completed at run time ("synced" + ".waves", "autosync." + change + ".on"): some wording must complete it.
        for (String code : used) {
            assertThat(english.keySet()).as(code).anyMatch(key -> completes(key, code));
        }
        assertThat(english.keySet()).as("wordings no code uses").allMatch(key -> used.stream().anyMatch(code -> completes(key, code)));
    }

    private static boolean completes(String key, String code) {
        return key.equals(code) || key.startsWith(code + ".") || (code.endsWith(".") || code.endsWith("-")) && key.startsWith(code);
    }

    @Test
    void aNoteReadsInItsReadersLanguageWithItsValuesAsTheyAre() {
        Note note = Note.of("then", Note.of("with-in-sync", Note.of("synced.waves", 8, 4), 2),
                Note.of("remark-of", "cluster-03-apps", Note.of("parent-health", "Progressing")));
        assertThat(note.english()).isEqualTo("synced 8 applications in 4 waves (2 already in sync); cluster-03-apps: its own sync"
                + " is done; it shows Progressing because of its child applications");
        assertThat(in(note, Locale.KOREAN)).isEqualTo("애플리케이션 8개를 Wave 4개에 걸쳐 동기화 완료 (2개는 이미 동기화된 상태);"
                + " cluster-03-apps: 자기 동기화는 끝났고, 하위 애플리케이션 때문에 Progressing으로 보입니다");
        assertThat(in(note, Locale.JAPANESE)).isEqualTo(note.english());
        assertThat(in(Note.verbatim("Argo CD's {0} words"), Locale.KOREAN)).isEqualTo("Argo CD's {0} words");
    }

    @Test
    void aRefusalsReasonIsLeftToWhereRefusalsAreWorded() {
        Note reason = Note.of(FleetProblem.Reason.of("wave-timeout", "0", "600", "x (Synced, Degraded)"));
        assertThat(reason.isProblem()).isTrue();
        assertThat(reason.code()).isEqualTo("problem.wave-timeout");
        assertThatThrownBy(reason::english).isInstanceOf(IllegalStateException.class);
    }

    /** A note that holds no refusal, in {@code locale}. */
    private static String in(Note note, Locale locale) {
        return note.in(locale, problem -> {
            throw new AssertionError("no refusal in " + note);
        });
    }

    private static Set<String> placeholders(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
