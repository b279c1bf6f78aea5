package lab.miribit.fleetops.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.operations.SyncOptions;

/**
 * A push to the GitOps repository: Argo CD would notice it at its next poll (3 minutes); a hard refresh of the
 * applications it touched makes that now, and, when asked, they are then synced wave by wave.
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
        List<String> apps = push.changedPaths() == null ? changed.fromRepository(push.repoURL())
                : changed.affectedBy(push.repoURL(), push.changedPaths());
        if (apps.isEmpty()) {
            return new Accepted(Set.of(), List.of("find the applications it touched"), progress -> {
                progress.skipped(0, "none");
                return "no application's source covers the pushed paths; nothing to do";
            });
        }
        // Refreshes need no app locks: a second refresh request while one is pending is harmless, and refusing a
        // later push while an earlier one is being refreshed would lose it. A sync does lock its applications.
        Set<String> locks = new LinkedHashSet<>(Set.of("push/" + push.revision()));
        List<String> steps = new ArrayList<>(List.of("hard refresh " + apps.size() + " application(s)"));
        if (!push.sync()) {
            return new Accepted(locks, steps, progress -> {
                refreshAll(apps, caller, progress);
                return "hard-refreshed " + String.join(", ", apps);
            });
        }
        Accepted sync = waves.accept(planner.forApps(apps, SyncOptions.defaults()), SyncOptions.defaults(), caller, Set.of());
        locks.addAll(sync.locks());
        steps.addAll(sync.plannedSteps());
        return new Accepted(locks, steps, progress -> {
            refreshAll(apps, caller, progress);
            return sync.work().run(after(progress, 1));
        });
    }

    private void refreshAll(List<String> apps, Caller caller, Progress progress) throws InterruptedException {
        progress.started(0, String.join(", ", apps));
        Instant requestedAt = refresher.request(apps, true, caller, progress.operationId());
        refresher.await(apps, requestedAt);
        progress.succeeded(0, null);
    }

    /** The sync's steps come after the refresh step. */
    private static Progress after(Progress progress, int offset) {
        return new Progress() {
            @Override
            public String operationId() {
                return progress.operationId();
            }

            @Override
            public void started(int step, String message) {
                progress.started(step + offset, message);
            }

            @Override
            public void succeeded(int step, String message) {
                progress.succeeded(step + offset, message);
            }

            @Override
            public void failed(int step, String message) {
                progress.failed(step + offset, message);
            }

            @Override
            public void skipped(int step, String message) {
                progress.skipped(step + offset, message);
            }
        };
    }
}
