package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

import lab.miribit.fleetops.operations.DeliveryLedger;
import lab.miribit.fleetops.operations.Operation;

/**
 * How an operation reads in chat, at acceptance and as it advances. Kinds, targets, step names and the handlers'
 * messages are the operation's own words (identifiers and Argo CD's and GitLab's answers); the frame around them is
 * in the reader's language.
 */
public final class OperationReplies {

    private OperationReplies() {
    }

    public static ChatReply accepted(Operation.Snapshot op, String slashCommand, ChatText t) {
        List<String> lines = new ArrayList<>();
        op.steps().forEach(step -> lines.add("• " + step.name()));
        lines.add(t.get("operation.follow", slashCommand, op.id()));
        return new ChatReply(ChatReply.Kind.ACCEPTED, t.get("operation.accepted", op.kind(), op.target(), op.id()),
                lines, op.id(), null);
    }

    /**
     * The answer to a request delivered again: nothing ran twice, and the reader is told where the first went. Kept for
     * the asker (no operation id on the reply), as the first answer already went to the channel.
     */
    static ChatReply repeated(String earlier, String slashCommand, ChatText t) {
        if (DeliveryLedger.BEING_HANDLED.equals(earlier)) {
            return new ChatReply(ChatReply.Kind.INFO, t.get("operation.repeated.pending"), List.of(), null, null);
        }
        return new ChatReply(ChatReply.Kind.INFO, t.get("operation.repeated", earlier),
                List.of(t.get("operation.follow", slashCommand, earlier)), null, null);
    }

    public static ChatReply progress(Operation.Snapshot op, ChatText t) {
        List<String> lines = new ArrayList<>();
        for (Operation.Step step : op.steps()) {
            lines.add(mark(step.state()) + " " + step.name() + (step.message() == null ? "" : " — " + step.message()));
        }
        if (op.state().finished()) {
            lines.add(op.message());
        }
        String title = t.get("operation.progress", op.kind(), op.target(), state(op.state(), t), op.id());
        return new ChatReply(ChatReply.Kind.INFO, title, lines, op.id(), null);
    }

    static String state(Operation.State state, ChatText t) {
        return t.get("operation.state." + state.label());
    }

    private static String mark(Operation.StepState state) {
        return switch (state) {
            case SUCCEEDED -> "✔";
            case FAILED -> "✖";
            case RUNNING -> "▶";
            case SKIPPED -> "–";
            case PENDING -> "…";
        };
    }
}
