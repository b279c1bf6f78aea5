package lab.miribit.fleetops.sync;

import java.util.List;

import lab.miribit.fleetops.operations.Note;

/** Applications to sync, grouped by sync wave in ascending order; a wave starts when the previous one is done. */
record SyncPlan(List<Wave> waves) {

    /** How fleet-ops brings one application of a wave to its target. */
    enum Mode {
        /** Ask Argo CD for the sync at once. */
        SYNC,
        /** Refresh first; ask for a sync only if Argo CD then finds the application OutOfSync (a push). */
        SYNC_IF_CHANGED,
        /**
         * An application under automated sync: refresh, then follow the sync Argo CD's controller starts itself
         * (writing a second one would only be refused); sync it only if Argo CD does not while it is OutOfSync.
         */
        FOLLOW_AUTOMATED
    }

    record Target(String app, Mode mode) {
    }

    record Wave(int number, List<Target> targets) {
        List<String> apps() {
            return targets.stream().map(Target::app).toList();
        }

        Note describe() {
            return Note.of("wave", number, String.join(", ", apps()));
        }
    }

    List<String> apps() {
        return waves.stream().flatMap(w -> w.apps().stream()).toList();
    }
}
