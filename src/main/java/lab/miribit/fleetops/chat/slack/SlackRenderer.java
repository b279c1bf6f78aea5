package lab.miribit.fleetops.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;

/** A {@link ChatReply} as a Slack message: Block Kit, with a plain-text fallback for notifications. */
final class SlackRenderer {

    static final String CONFIRM_ACTION = "fleet-confirm";
    static final String CANCEL_ACTION = "fleet-cancel";
    /** Slack's limit for a section's text. */
    private static final int SECTION_LIMIT = 3000;

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private SlackRenderer() {
    }

    /**
     * The message for a reply. Accepted actions and their progress are shown to the channel; everything else
     * only to the person who asked.
     */
    static Message message(ChatReply reply, boolean replaceOriginal, ChatText t) {
        boolean shared = reply.kind() == ChatReply.Kind.ACCEPTED || reply.operationId() != null
                && reply.kind() == ChatReply.Kind.INFO;
        return new Message(shared ? "in_channel" : "ephemeral", replaceOriginal, fallback(reply), blocks(reply, t));
    }

    /** The body of an acknowledgement or a {@code response_url} post (Gson writes the fields in snake case). */
    record Message(String responseType, boolean replaceOriginal, String text, List<LayoutBlock> blocks) {
    }

    static List<LayoutBlock> blocks(ChatReply reply, ChatText t) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(reply.kind().shortcode() + " *" + escape(reply.title()) + "*"))));
        if (!reply.lines().isEmpty()) {
            String body = String.join("\n", reply.lines().stream().map(SlackRenderer::escape).toList());
            if (body.length() > SECTION_LIMIT) {
                body = body.substring(0, SECTION_LIMIT - 1) + "…";
            }
            String text = body;
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (reply.confirmation() != null) {
            String value = reply.confirmation().token() + "\n" + reply.confirmation().command();
            blocks.add(actions(a -> a.blockId("fleet-confirmation").elements(List.of(
                    button(b -> b.actionId(CONFIRM_ACTION).text(plainText(t.get("button.confirm"))).style("danger").value(value)),
                    button(b -> b.actionId(CANCEL_ACTION).text(plainText(t.get("button.cancel"))).value(value))))));
        }
        if (reply.operationId() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(t.get("operation.label", "`" + reply.operationId() + "`"))))));
        }
        return blocks;
    }

    static String json(Message message) {
        return GSON.toJson(message);
    }

    static com.google.gson.JsonElement tree(Message message) {
        return GSON.toJsonTree(message);
    }

    private static String fallback(ChatReply reply) {
        String text = escape(reply.text());
        return text.length() > SECTION_LIMIT ? text.substring(0, SECTION_LIMIT - 1) + "…" : text;
    }

    /** Slack's mrkdwn needs these three escaped; everything else shows as typed. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
