package lab.miribit.fleetops.rollback;

import java.util.Locale;

import lab.miribit.fleetops.argocd.AutomatedSync;
import lab.miribit.fleetops.operations.Note;

/** What switching automated sync did, as a step's note: the event Argo CD records keeps {@link AutomatedSync.Change#describe}. */
final class AutoSyncWording {

    private AutoSyncWording() {
    }

    static Note of(AutomatedSync.Change change, boolean enabled) {
        return Note.of("autosync." + change.name().toLowerCase(Locale.ROOT).replace('_', '-') + (enabled ? ".on" : ".off"),
                AutomatedSync.KEPT_ANNOTATION);
    }
}
