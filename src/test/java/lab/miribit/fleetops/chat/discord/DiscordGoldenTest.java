package lab.miribit.fleetops.chat.discord;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.GoldenFiles;
import lab.miribit.fleetops.chat.ReplyExamples;

/** Every reply kind, in both languages, as the Discord embed and buttons fleet-ops sends. */
class DiscordGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void everyReplyKindInEachLanguage() throws Exception {
        for (ChatLocales language : ReplyExamples.LANGUAGES) {
            ChatText t = language.service();
            for (Map.Entry<String, ChatReply> example : ReplyExamples.of(t).entrySet()) {
                GoldenFiles.assertMatches("discord", example.getKey() + "." + t.locale().getLanguage() + ".json",
                        JSON.writeValueAsString(DiscordRenderer.render(example.getValue(), t)) + "\n");
            }
        }
    }
}
