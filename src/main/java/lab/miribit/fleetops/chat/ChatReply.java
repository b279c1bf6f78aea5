package lab.miribit.fleetops.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A reply to a chat command, independent of the platform and already in the reader's language: the console returns
 * it as JSON, the Slack, Discord and Mattermost renderers turn it into Block Kit, embeds and Markdown. It never holds
 * a secret.
 *
 * @param operationId  the operation an accepted action started, or null
 * @param confirmation      what to press (or send back) to confirm, when the command asks for confirmation
 * @param retryAfterSeconds when the user sent too many commands: how long until the next one is taken
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatReply(Kind kind, String title, List<String> lines, String operationId, Confirmation confirmation,
        Integer retryAfterSeconds) {

    public enum Kind {
        /** An answer with information. */
        INFO,
        /** An action was accepted and runs as an operation. */
        ACCEPTED,
        /** The command waits for the same user to confirm it. */
        CONFIRM,
        /** The command was not run: bad input, a role too low, a busy target, a rate limit. */
        REFUSED,
        /** Something failed inside fleet-ops; the lines carry a correlation id. */
        ERROR,
        /** A scheduled check changed state (posted to an alert channel, not an answer to anyone). */
        ALERT;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The emoji shortcode in front of the title: Slack and Mattermost render the same codes. */
        public String shortcode() {
            return switch (this) {
                case INFO -> ":information_source:";
                case ACCEPTED -> ":arrows_counterclockwise:";
                case CONFIRM -> ":warning:";
                case REFUSED -> ":no_entry_sign:";
                case ERROR -> ":x:";
                case ALERT -> ":rotating_light:";
            };
        }
    }

    /**
     * @param token     opaque; binds the confirmation to the user and the exact command
     * @param command   the command line that will run
     * @param expiresAt when the confirmation stops being accepted
     */
    public record Confirmation(String token, String command, Instant expiresAt) {
    }

    public ChatReply {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public ChatReply(Kind kind, String title, List<String> lines, String operationId, Confirmation confirmation) {
        this(kind, title, lines, operationId, confirmation, null);
    }

    static ChatReply rateLimited(int perMinute, int retryAfterSeconds, ChatText t) {
        return new ChatReply(Kind.REFUSED, t.get("rate-limited.title", perMinute), List.of(t.get("rate-limited.wait", retryAfterSeconds)),
                null, null, retryAfterSeconds);
    }

    /** More chat commands wait to be answered than fleet-ops takes on: refused at once, so that none waits unseen. */
    static ChatReply overloaded(ChatText t) {
        return new ChatReply(Kind.REFUSED, t.get("overloaded.title"), List.of(t.get("overloaded.wait")), null, null, 60);
    }

    /** The acknowledgement of a command whose answer did not come within the platform's deadline: it follows. */
    public static ChatReply working(ChatText t) {
        return info(t.get("working.title"), List.of(t.get("working.follows")));
    }

    /** Something failed inside fleet-ops: the reader gets the id the log line carries, nothing of the failure itself. */
    static ChatReply error(String correlationId, ChatText t) {
        return new ChatReply(Kind.ERROR, t.get("error.title"), List.of(t.get("error.correlation", correlationId)), null, null);
    }

    static ChatReply info(String title, List<String> lines) {
        return new ChatReply(Kind.INFO, title, lines, null, null);
    }

    static ChatReply refused(String reason, String hint) {
        return new ChatReply(Kind.REFUSED, reason, hint == null ? List.of() : List.of(hint), null, null);
    }

    /** The answer in a channel that fleet-ops is not configured to serve. */
    public static ChatReply refusedHere(ChatText t) {
        return refused(t.get("refused.channel"), null);
    }

    /** A check's state change as a message for an alert channel. */
    public static ChatReply alert(String title, List<String> lines) {
        return new ChatReply(Kind.ALERT, title, lines, null, null);
    }

    /** The reply as plain text, the form the console and notifications use. */
    public String text() {
        StringBuilder text = new StringBuilder(title);
        for (String line : lines) {
            text.append('\n').append(line);
        }
        return text.toString();
    }
}
