package lab.miribit.fleetops.chat.mattermost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lab.miribit.fleetops.chat.ChatReply;
import lab.miribit.fleetops.chat.ChatText;

/**
 * A {@link ChatReply} as a Mattermost post: Markdown (not Slack's mrkdwn), with every character Mattermost would
 * read as formatting, a link, a table or a mention escaped, within its post size, and confirmation buttons as
 * interactive message actions whose {@code context} carries only the confirmation's token.
 */
public final class MattermostRenderer {

    /** Mattermost's limit for a post's message (since server 5.0), in characters. */
    static final int POST_LIMIT = 16_383;
    /**
     * ASCII punctuation CommonMark lets a backslash escape, that Mattermost's Markdown gives a meaning anywhere in a
     * line: emphasis, code, links (with {@code [} gone, {@code (} and {@code !} mean nothing), hashtags, tables,
     * autolinks.
     */
    private static final String MARKUP = "\\`*_~[]#|<>";

    private MattermostRenderer() {
    }

    /**
     * The body of a slash command's answer or of a {@code response_url} post: accepted actions and their progress for
     * the channel, everything else for the asker only.
     *
     * @param actionUrl where Mattermost sends a button press: {@code …/mattermost/actions}, to which the verb is added
     */
    static Map<String, Object> post(ChatReply reply, ChatText t, String actionUrl) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("response_type", shared(reply) ? "in_channel" : "ephemeral");
        post.put("text", text(reply, t));
        post.put("props", props(reply, t, actionUrl));
        return post;
    }

    /** The answer to a button press: the pressed message is replaced by {@code reply}, its buttons gone. */
    static Map<String, Object> update(ChatReply reply, ChatText t) {
        return Map.of("update", ordered("message", text(reply, t), "props", props(reply, t, null)));
    }

    /** The answer to a button press that changes nothing: a note only the presser sees; the message keeps its buttons. */
    static Map<String, Object> ephemeral(ChatReply reply, ChatText t) {
        return Map.of("ephemeral_text", text(reply, t));
    }

    /** An incoming webhook's body for the alert channel. */
    static Map<String, Object> alert(ChatReply reply, ChatText t) {
        return Map.of("text", text(reply, t));
    }

    static boolean shared(ChatReply reply) {
        return reply.kind() == ChatReply.Kind.ACCEPTED || reply.operationId() != null && reply.kind() == ChatReply.Kind.INFO;
    }

    static String text(ChatReply reply, ChatText t) {
        StringBuilder text = new StringBuilder(reply.kind().shortcode()).append(" **").append(escape(reply.title())).append("**");
        for (String line : reply.lines()) {
            text.append('\n').append(escape(line));
        }
        if (reply.operationId() != null) {
            text.append("\n_").append(escape(t.get("operation.label", reply.operationId()))).append('_');
        }
        return cut(text.toString());
    }

    private static Map<String, Object> props(ChatReply reply, ChatText t, String actionUrl) {
        List<Map<String, Object>> attachments = new ArrayList<>();
        if (reply.confirmation() != null && actionUrl != null) {
            Map<String, Object> context = Map.of("token", reply.confirmation().token());
            attachments.add(Map.of("actions", List.of(
                    ordered("id", "fleetconfirm", "name", t.get("button.confirm"), "style", "danger",
                            "integration", ordered("url", actionUrl + "/confirm", "context", context)),
                    ordered("id", "fleetcancel", "name", t.get("button.cancel"), "style", "default",
                            "integration", ordered("url", actionUrl + "/cancel", "context", context)))));
        }
        return Map.of("attachments", attachments);
    }

    /** Keys in the order given: the same post is the same bytes, run after run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Text as it was meant, not as Markdown: markup characters backslash-escaped (CommonMark shows them as typed),
     * {@code www.} broken so it is not auto-linked, a list or quote marker at the start of a line escaped, a zero-width
     * space after a colon that could start an emoji code or a URL's {@code ://}, and after every {@code @} so that no
     * name, {@code @channel}, {@code @here} or {@code @all} in a reply ever notifies anyone.
     */
    static String escape(String line) {
        StringBuilder out = new StringBuilder(line.length() + 16);
        int lineStart = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n') {
                lineStart = out.length() + 1;
                out.append(c);
            } else if (MARKUP.indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '@') {
                out.append("@\u200B");
            } else if (c == ':' && i + 1 < line.length() && (Character.isLetterOrDigit(line.charAt(i + 1))
                    || "/_+-".indexOf(line.charAt(i + 1)) >= 0)) {
                // ":smile:" would be an emoji and "http://" a link; a zero-width space keeps both as text.
                out.append(":\u200B");
            } else if ((c == '-' || c == '+' || c == '=') && out.length() == lineStart) {
                out.append('\\').append(c);
            } else if (c == '.' && out.length() > lineStart && out.substring(lineStart).chars().allMatch(Character::isDigit)) {
                out.append("\\.");
            } else if (c == '.' && out.length() >= 3 && out.substring(out.length() - 3).equalsIgnoreCase("www")) {
                out.append("\\.");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Within the post limit, counted in code points as Mattermost counts characters, never splitting an escape. */
    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= POST_LIMIT) {
            return text;
        }
        int end = text.offsetByCodePoints(0, POST_LIMIT - 1);
        while (end > 0 && text.charAt(end - 1) == '\\') {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
