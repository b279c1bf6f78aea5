package lab.miribit.fleetops.sync;

import java.util.List;

/** Applications to sync, grouped by sync wave in ascending order; a wave starts when the previous one is done. */
record SyncPlan(List<Wave> waves) {

    record Wave(int number, List<String> apps) {
        String describe() {
            return "wave " + number + ": " + String.join(", ", apps);
        }
    }

    List<String> apps() {
        return waves.stream().flatMap(w -> w.apps().stream()).toList();
    }
}
