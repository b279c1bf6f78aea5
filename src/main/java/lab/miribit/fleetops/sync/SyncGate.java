package lab.miribit.fleetops.sync;

import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.argocd.Application;
import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.operations.SyncOptions;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * argocd-server's checks before it writes a sync (server/application/application.go, Sync), applied by fleet-ops,
 * which writes the resource itself: so a sync Argo CD would refuse is refused in Argo CD's words and nothing is
 * written. Checked for every application of a plan before the first write, and again just before each write.
 */
@ApplicationScoped
class SyncGate {

    private final ArgoCd argoCd;

    SyncGate(ArgoCd argoCd) {
        this.argoCd = argoCd;
    }

    /** Refuses (409) what Argo CD would refuse for this way of syncing {@code app}. */
    void check(Application app, SyncOptions options, SyncPlan.Mode mode) {
        String name = app.getMetadata().getName();
        Application.Operation running = app.getOperation();
        if (running != null && !(mode == SyncPlan.Mode.FOLLOW_AUTOMATED && running.automated())) {
            throw new FleetProblem.Conflict(name + ": " + ArgoCd.ANOTHER_OPERATION, FleetProblem.Reason.of("app-operation-running", name));
        }
        if (options.revision() != null && app.multiSource()) {
            throw new FleetProblem.InvalidInput(name + " has several sources: a revision cannot name one for all of them",
                    FleetProblem.Reason.of("revision-multi-source", name));
        }
        Application.Source source = app.primarySource();
        String target = source == null || source.targetRevision() == null ? "" : source.targetRevision();
        if (options.revision() != null && !options.dryRun() && app.autoSyncEnabled()
                && !Objects.equals(options.revision(), target.isEmpty() ? "HEAD" : target)) {
            throw new FleetProblem.Conflict(name + ": Cannot sync to " + options.revision() + ": auto-sync currently set to "
                    + target, FleetProblem.Reason.of("revision-under-auto-sync", name, options.revision(), target));
        }
        if (mode == SyncPlan.Mode.SYNC) {
            refusal(app).ifPresent(refused -> {
                throw new FleetProblem.Conflict(name + ": " + refused, FleetProblem.Reason.of("app-refused", name, refused));
            });
        }
    }

    /** The sync window's refusal of a sync fleet-ops would ask for now (a manual one), if any. */
    Optional<String> refusal(Application app) {
        return argoCd.syncWindowRefusal(app, true);
    }
}
