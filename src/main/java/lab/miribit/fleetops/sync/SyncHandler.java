package lab.miribit.fleetops.sync;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;

/** Every way to ask for a sync: planned into waves by {@link SyncPlanner}, run by {@link WaveSync}. */
@ApplicationScoped
class SyncHandler implements CommandHandler<Command.Sync> {

    private final SyncPlanner planner;
    private final WaveSync waves;
    private final ChangedApplications changed;

    SyncHandler(SyncPlanner planner, WaveSync waves, ChangedApplications changed) {
        this.planner = planner;
        this.waves = waves;
        this.changed = changed;
    }

    @Override
    public Set<Class<? extends Command.Sync>> handles() {
        return Set.of(Command.SyncApp.class, Command.SyncCluster.class, Command.SyncApps.class, Command.SyncTargets.class,
                Command.SyncChanged.class);
    }

    /** A sync named as a person types it becomes the precise sync it stands for; any other is already precise. */
    @Override
    public Command.Sync resolve(Command.Sync command) {
        return command instanceof Command.SyncTargets named ? planner.precise(named) : command;
    }

    @Override
    public Accepted accept(Command.Sync asked, Caller caller) {
        Command.Sync command = resolve(asked);
        SyncPlan plan;
        Set<String> extraLocks = Set.of();
        if (command instanceof Command.SyncApp one) {
            plan = planner.forApp(one.app(), one.options());
        } else if (command instanceof Command.SyncCluster cluster) {
            plan = planner.forCluster(cluster.cluster(), cluster.options());
            extraLocks = Set.of("cluster/" + cluster.cluster());
        } else if (command instanceof Command.SyncApps list) {
            plan = planner.forApps(list.apps(), list.options());

        } else {
            Command.SyncChanged change = (Command.SyncChanged) command;
            List<String> apps = changed.affectedBy(change.repoURL(), change.changedPaths());
            plan = apps.isEmpty() ? new SyncPlan(List.of()) : planner.forChange(apps, change.options(), SyncPlan.Mode.SYNC);
        }
        return waves.accept(plan, command.options(), caller, extraLocks);
    }
}
