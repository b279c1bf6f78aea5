package lab.miribit.fleetops.chat.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import lab.miribit.fleetops.chat.ChatLocales;
import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;
import lab.miribit.fleetops.chat.GoldenFiles;
import lab.miribit.fleetops.chat.ReplyExamples;

/** Every reply kind, in both languages, as Mattermost receives it. */
class MattermostGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String ACTIONS = "https://fleet-ops.miribit.lab/mattermost/actions";

    @Test
    void everyReplyKindInEachLanguage() throws Exception {
        for (ChatLocales language : ReplyExamples.LANGUAGES) {
            ChatText t = language.service();
            for (Map.Entry<String, ChatReply> example : ReplyExamples.of(t).entrySet()) {
                Map<String, Object> body = example.getValue().kind() == ChatReply.Kind.ALERT
                        ? MattermostRenderer.alert(example.getValue(), t)
                        : MattermostRenderer.post(example.getValue(), t, ACTIONS);
                GoldenFiles.assertMatches("mattermost", example.getKey() + "." + t.locale().getLanguage() + ".json",
                        JSON.writeValueAsString(body) + "\n");
            }
        }
    }

    @Test
    void nothingInAReplyMentionsLinksOrTabulates() {
        String escaped = MattermostRenderer.escape("@channel @here @all @olivia see [x](http://evil.example) www.evil.example "
                + "| a | b |\n- item\n1. first\n# heading\n> quote `code` **bold** _it_ ~~s~~ <!here> :smile:");
        assertThat(escaped).doesNotContainPattern("@(channel|here|all|olivia)").contains("@\u200Bchannel")
                .doesNotContainPattern("[^\\\\]\\]\\(").doesNotContain("http://").doesNotContain("www.").doesNotContainPattern("(^|[^\\\\])\\|")
                .doesNotContainPattern("(?m)^[-#>]").doesNotContainPattern("(?m)^1\\.").doesNotContain("**").doesNotContain(":smile:");
    }

    @Test
    void aPostStaysWithinMattermostsLimitAndButtonsCarryOnlyTheToken() {
        ChatReply huge = new ChatReply(ChatReply.Kind.INFO, "big", java.util.Collections.nCopies(3000, "line|with|pipes"), null, null);
        String text = MattermostRenderer.text(huge, ReplyExamples.LANGUAGES.get(0).service());
        assertThat(text.codePointCount(0, text.length())).isLessThanOrEqualTo(MattermostRenderer.POST_LIMIT);
        assertThat(text).endsWith("…").doesNotEndWith("\\…");

        ChatText t = ReplyExamples.LANGUAGES.get(1).service();
        Map<String, Object> post = MattermostRenderer.post(ReplyExamples.of(t).get("confirm"), t, ACTIONS);
        assertThat(post).containsEntry("response_type", "ephemeral");
        assertThat(JSON.valueToTree(post).at("/props/attachments/0/actions/0/integration/context").toString())
                .isEqualTo("{\"token\":\"5f0e3a9c1b2d4e6f8a7b9c0d1e2f3a4b.0123456789abcdef01234567\"}");
        assertThat(JSON.valueToTree(post).at("/props/attachments/0/actions/0/name").asText()).isEqualTo("확인");
    }
}
