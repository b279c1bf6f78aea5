package lab.miribit.fleetops.sync;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.operations.SyncOptions;

/**
 * A push to the GitOps repository: Argo CD would notice it at its next poll (3 minutes). fleet-ops asks now for the
 * refresh Argo CD's own webhook would ask for (a normal one, of the applications that track what was pushed). When
 * asked to sync as well, each wave refreshes its applications, follows the automated syncs Argo CD starts itself,
 * and syncs the others that Argo CD then finds OutOfSync.
 */
@ApplicationScoped
class PushHandler implements CommandHandler<Command.Push> {

    private final ChangedApplications changed;
    private final RefreshTracker refresher;
    private final SyncPlanner planner;
    private final WaveSync waves;

    PushHandler(ChangedApplications changed, RefreshTracker refresher, SyncPlanner planner, WaveSync waves) {
        this.changed = changed;
        this.refresher = refresher;
        this.planner = planner;
        this.waves = waves;
    }

    @Override
    public Set<Class<? extends Command.Push>> handles() {
        return Set.of(Command.Push.class);
    }

    @Override
    public Accepted accept(Command.Push push, Caller caller) {
        List<String> apps = changed.trackingPush(push.repoURL(), push.pushed(), push.defaultBranch(), push.changedPaths());
        if (apps.isEmpty()) {
            return new Accepted(Set.of(), List.of(Note.of("find-tracking", push.pushed())), progress -> {
                progress.skipped(0, Note.of("none-found"));
                return Note.of("push-tracked-by-none", push.pushed());
            });
        }
        // Refreshes need no app locks: a second refresh request while one is pending is harmless, and refusing a
        // later push while an earlier one is being refreshed would lose it. A sync does lock its applications.
        Set<String> locks = new LinkedHashSet<>(Set.of("push/" + push.revision()));
        if (!push.sync()) {
            return new Accepted(locks, List.of(Note.of("refresh-apps", apps.size())), progress -> {
                refreshAll(apps, caller, progress, 0);
                return Note.of("refreshed", String.join(", ", apps));
            });
        }
        // What the push's files concern is synced (Argo CD's own sync followed where it is automated); the other
        // applications tracking the branch are only refreshed, as Argo CD's webhook would.
        List<String> concerned = push.changedPaths() == null ? apps
                : changed.affectedBy(push.repoURL(), push.changedPaths()).stream().filter(apps::contains).toList();
        List<String> others = apps.stream().filter(app -> !concerned.contains(app)).toList();
        if (concerned.isEmpty()) {
            return new Accepted(locks, List.of(Note.of("refresh-apps", apps.size())), progress -> {
                refreshAll(apps, caller, progress, 0);
                return Note.of("refreshed-nothing-to-sync", String.join(", ", apps));
            });
        }
        Accepted sync = waves.accept(planner.forChange(concerned, SyncOptions.defaults(), SyncPlan.Mode.SYNC_IF_CHANGED),
                SyncOptions.defaults(), caller, Set.of());
        locks.addAll(sync.locks());
        if (others.isEmpty()) {
            return new Accepted(locks, sync.plannedSteps(), sync.work());
        }
        List<Note> steps = new java.util.ArrayList<>(List.of(Note.of("refresh-apps", others.size())));
        steps.addAll(sync.plannedSteps());
        return new Accepted(locks, steps, progress -> {
            refreshAll(others, caller, progress, 0);
            return sync.work().run(Progress.after(progress, 1));
        });
    }

    private void refreshAll(List<String> apps, Caller caller, Progress progress, int step) throws InterruptedException {
        progress.started(step, Note.verbatim(String.join(", ", apps)));
        Instant requestedAt = refresher.request(apps, false, caller, progress.operationId());
        refresher.await(apps, requestedAt);
        progress.succeeded(step, null);
    }
}
