package lab.miribit.fleetops.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;

/**
 * Golden files of the Slack rendering. After an intended change of the rendering, regenerate them with
 * {@code ./mvnw verify -Dtest=SlackRendererTest -Dgolden.update=true} and review the diff.
 */
class SlackRendererTest {

    private static final ChatText EN = new ChatLocales("en").service();

    private static final Path GOLDEN = Path.of("src/test/resources/golden/slack");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void information() throws IOException {
        assertGolden("info.json", SlackRenderer.message(new ChatReply(ChatReply.Kind.INFO, "Cluster cluster-04",
                List.of("cluster-04 (edge) Successful — 5 apps: 5 Synced; 1 Degraded, 4 Healthy",
                        "fluent-bit-cluster-04 — Synced, Degraded (wave 4)"), null, null), false, EN));
    }

    @Test
    void acceptedAction() throws IOException {
        assertGolden("accepted.json", SlackRenderer.message(new ChatReply(ChatReply.Kind.ACCEPTED,
                "Accepted: sync cluster/cluster-03 (op-7f3k2m9q4x)", List.of("• wave 0: namespaces-cluster-03",
                        "• wave 1: longhorn-cluster-03", "follow it with /fleet op op-7f3k2m9q4x"), "op-7f3k2m9q4x", null), false, EN));
    }

    @Test
    void confirmationWithButtons() throws IOException {
        assertGolden("confirm.json", SlackRenderer.message(new ChatReply(ChatReply.Kind.CONFIRM,
                "Confirm: /fleet sync cluster-04 --prune", List.of("--prune deletes resources of cluster-04 that are no longer in Git."),
                null, new ChatReply.Confirmation("0123456789abcdef0123456789abcdef.0a1b2c3d4e5f60718293a4b5",
                        "sync cluster-04 --prune", Instant.parse("2026-11-26T08:05:00Z"))), false, EN));
    }

    @Test
    void refusalEscapesWhatSlackWouldReadAsMarkup() throws IOException {
        assertGolden("refused.json", SlackRenderer.message(new ChatReply(ChatReply.Kind.REFUSED,
                "sync needs the role fleet-operator", List.of("Argo CD said: <none> & more"), null, null), false, EN));
    }

    @Test
    void progressReplacesTheOriginalMessage() throws IOException {
        assertGolden("progress.json", SlackRenderer.message(new ChatReply(ChatReply.Kind.INFO,
                "sync cluster/cluster-03: running (op-7f3k2m9q4x)", List.of("✔ wave 0: namespaces-cluster-03 — Synced and Healthy",
                        "▶ wave 1: longhorn-cluster-03 — syncing 1 application(s)", "… wave 2: fluent-operator-cluster-03"),
                "op-7f3k2m9q4x", null), true, EN));
    }

    private static void assertGolden(String name, SlackRenderer.Message message) throws IOException {
        String actual = JSON.writeValueAsString(JSON.readTree(SlackRenderer.json(message))) + "\n";
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
