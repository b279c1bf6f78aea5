package lab.miribit.fleetops.chat.discord;

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
 * Golden files of the Discord rendering; regenerate after an intended change with
 * {@code ./mvnw verify -Dtest=DiscordRendererTest -Dgolden.update=true} and review the diff.
 */
class DiscordRendererTest {

    private static final ChatText EN = new ChatLocales("en").service();

    private static final Path GOLDEN = Path.of("src/test/resources/golden/discord");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void acceptedAction() throws IOException {
        assertGolden("accepted.json", DiscordRenderer.render(new ChatReply(ChatReply.Kind.ACCEPTED,
                "Accepted: sync cluster/cluster-03 (op-7f3k2m9q4x)", List.of("• wave 0: namespaces-cluster-03",
                        "follow it with /fleet op op-7f3k2m9q4x"), "op-7f3k2m9q4x", null), EN));
    }

    @Test
    void confirmationWithButtons() throws IOException {
        assertGolden("confirm.json", DiscordRenderer.render(new ChatReply(ChatReply.Kind.CONFIRM,
                "Confirm: /fleet sync cluster-04 --prune", List.of("--prune deletes resources of cluster-04 that are no longer in Git."),
                null, new ChatReply.Confirmation("0123456789abcdef0123456789abcdef.0a1b2c3d4e5f60718293a4b5",
                        "sync cluster-04 --prune", Instant.parse("2026-11-26T08:05:00Z"))), EN));
    }

    @Test
    void refusal() throws IOException {
        assertGolden("refused.json", DiscordRenderer.render(new ChatReply(ChatReply.Kind.REFUSED,
                "sync needs the role fleet-operator", List.of(), null, null), EN));
    }

    private static void assertGolden(String name, DiscordMessage message) throws IOException {
        String actual = JSON.writeValueAsString(message) + "\n";
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
            Files.writeString(file, actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file));
    }
}
