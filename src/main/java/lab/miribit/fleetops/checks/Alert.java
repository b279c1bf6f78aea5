package lab.miribit.fleetops.checks;

import java.util.List;

import lab.miribit.fleetops.operations.Note;

/**
 * A change of state worth telling a channel about, for one cluster (or the fleet as a whole): fired as a CDI
 * event; the chat adapters word it in the service's language and deliver it to their alert channels.
 *
 * @param check   the check that changed, e.g. {@code certificates}
 * @param group   the cluster the changes are about, or {@code fleet}
 * @param changes one per item: a new problem, a changed severity, a recovery
 */
public record Alert(String check, String group, CheckResult.Status worst, List<Change> changes) {

    public Alert {
        changes = List.copyOf(changes);
    }

    /**
     * @param status  the item's status now ({@code OK} once recovered)
     * @param summary the item's own summary (for a recovery: the problem that is gone)
     */
    /** @param note the summary as a {@link Note}, for readers in other languages */
    public record Change(Kind kind, CheckResult.Status status, String target, String summary, Note note) {

        public Change(Kind kind, CheckResult.Status status, String target, Note note) {
            this(kind, status, target, note.english(), note);
        }
    }

    public enum Kind {
        /** A problem that was not there in the previous result. */
        NEW,
        /** A known problem whose severity changed. */
        CHANGED,
        /** A problem that is gone. */
        RECOVERED
    }
}
