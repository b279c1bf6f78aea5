package lab.miribit.fleetops.chat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A reply to a chat command, independent of the platform: the console returns it as JSON, the Slack and
 * Discord renderers turn it into Block Kit and embeds. It never holds a secret.
 *
 * @param operationId  the operation an accepted action started, or null
 * @param confirmation what to press (or send back) to confirm, when the command asks for confirmation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatReply(Kind kind, String title, List<String> lines, String operationId, Confirmation confirmation) {

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

    static ChatReply info(String title, List<String> lines) {
        return new ChatReply(Kind.INFO, title, lines, null, null);
    }

    static ChatReply refused(String reason, String hint) {
        return new ChatReply(Kind.REFUSED, reason, hint == null ? List.of() : List.of(hint), null, null);
    }

    /** The answer in a channel that fleet-ops is not configured to serve. */
    public static ChatReply refusedHere() {
        return refused("fleet-ops does not take commands in this channel.", null);
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
