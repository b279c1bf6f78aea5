package lab.miribit.fleetops.chat;

import java.util.List;

import lab.miribit.fleetops.checks.Alert;

/** A check's state change as a message for an alert channel, in the service's language. */
public final class AlertReplies {

    private AlertReplies() {
    }

    public static ChatReply of(Alert alert, ChatText t) {
        List<String> lines = alert.changes().stream().map(change -> {
            String summary = NoteWording.of(change.note(), change.summary(), null, t);
            return switch (change.kind()) {
                case NEW -> t.get("alert.new", t.get("check." + change.status().label()), change.target(), summary);
                case CHANGED -> t.get("alert.now", t.get("check." + change.status().label()), change.target(), summary);
                case RECOVERED -> t.get("alert.recovered", change.target(), summary);
            };
        }).toList();
        return ChatReply.alert(t.count("alert.title", alert.changes().size(), alert.check(), alert.group()), lines);
    }
}
