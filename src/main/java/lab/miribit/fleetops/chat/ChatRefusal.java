package lab.miribit.fleetops.chat;

/**
 * A command refused by the chat layer itself (a mistake in the line, a confirmation that does not hold, a role too
 * low for a read), already worded in the reader's language — unlike a {@link lab.miribit.fleetops.problem.FleetProblem}
 * from below, whose detail is English and is framed by {@link ChatService} before it is shown.
 */
final class ChatRefusal extends RuntimeException {

    private final String hint;

    ChatRefusal(String message) {
        this(message, null);
    }

    /** @param hint what to do instead, shown under the reason; may be null */
    ChatRefusal(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    ChatReply reply() {
        return ChatReply.refused(getMessage(), hint);
    }
}
