package lab.miribit.fleetops.chat.slack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;

import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.GoldenFiles;
import lab.miribit.fleetops.chat.ReplyExamples;

/** Every reply kind, in both languages, as Slack receives it (the slash command's acknowledgement body). */
class SlackGoldenTest {

    @Test
    void everyReplyKindInEachLanguage() {
        for (ChatLocales language : ReplyExamples.LANGUAGES) {
            ChatText t = language.service();
            for (Map.Entry<String, ChatReply> example : ReplyExamples.of(t).entrySet()) {
                String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                        .toJson(JsonParser.parseString(SlackRenderer.json(SlackRenderer.message(example.getValue(), false, t))));
                GoldenFiles.assertMatches("slack", example.getKey() + "." + t.locale().getLanguage() + ".json", json + "\n");
            }
        }
    }
}
