package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

import lab.miribit.fleetops.operations.DeliveryLedger;
import lab.miribit.fleetops.operations.Operation;

/**
 * How an operation reads in chat, at acceptance and as it advances, in the reader's language: the frame from the chat's
 * messages, steps and results from their notes ({@link NoteWording}). Kinds, targets and names stay as they are, and so do Argo CD's
 * and GitLab's own answers, which come inside the notes as values.
 */
public final class OperationReplies {

    private OperationReplies() {
    }

    public static ChatReply accepted(Operation.Snapshot op, String slashCommand, ChatText t) {
        List<String> lines = new ArrayList<>();
        op.steps().forEach(step -> lines.add("• " + NoteWording.of(step.title(), step.name(), slashCommand, t)));
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

    public static ChatReply progress(Operation.Snapshot op, String slashCommand, ChatText t) {
        List<String> lines = new ArrayList<>();
        for (Operation.Step step : op.steps()) {
            String said = NoteWording.of(step.note(), step.message(), slashCommand, t);
            lines.add(mark(step.state()) + " " + NoteWording.of(step.title(), step.name(), slashCommand, t) + (said == null ? "" : " — " + said));
        }
        if (op.state().finished()) {
            lines.add(NoteWording.of(op.note(), op.message(), slashCommand, t));
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
