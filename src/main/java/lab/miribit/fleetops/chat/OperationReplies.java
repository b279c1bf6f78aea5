package lab.miribit.fleetops.chat;

import java.util.ArrayList;
import java.util.List;

import lab.miribit.fleetops.operations.Operation;

/** How an operation reads in chat, at acceptance and as it advances. */
public final class OperationReplies {

    private OperationReplies() {
    }

    public static ChatReply accepted(Operation.Snapshot op, String slashCommand) {
        List<String> lines = new ArrayList<>();
        op.steps().forEach(step -> lines.add("• " + step.name()));
        lines.add("follow it with " + slashCommand + " op " + op.id());
        return new ChatReply(ChatReply.Kind.ACCEPTED, "Accepted: " + op.kind() + " " + op.target() + " (" + op.id() + ")",
                lines, op.id(), null);
    }

    public static ChatReply progress(Operation.Snapshot op) {
        List<String> lines = new ArrayList<>();
        for (Operation.Step step : op.steps()) {
            lines.add(mark(step.state()) + " " + step.name() + (step.message() == null ? "" : " — " + step.message()));
        }
        if (op.state().finished()) {
            lines.add(op.message());
        }
        String title = op.kind() + " " + op.target() + ": " + op.state().label() + " (" + op.id() + ")";
        return new ChatReply(ChatReply.Kind.INFO, title, lines, op.id(), null);
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
