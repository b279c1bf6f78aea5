package lab.miribit.fleetops.sync;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;

/** The three ways to ask for a sync, each planned by {@link SyncPlanner} and run by {@link WaveSync}. */
final class SyncHandlers {

    private SyncHandlers() {
    }

    @ApplicationScoped
    static class OneApp implements CommandHandler<Command.SyncApp> {
        private final SyncPlanner planner;
        private final WaveSync waves;

        OneApp(SyncPlanner planner, WaveSync waves) {
            this.planner = planner;
            this.waves = waves;
        }

        @Override
        public Class<Command.SyncApp> handles() {
            return Command.SyncApp.class;
        }

        @Override
        public Accepted accept(Command.SyncApp command, Caller caller) {
            return waves.accept(planner.forApp(command.app(), command.options()), command.options(), caller, Set.of());
        }
    }

    @ApplicationScoped
    static class WholeCluster implements CommandHandler<Command.SyncCluster> {
        private final SyncPlanner planner;
        private final WaveSync waves;

        WholeCluster(SyncPlanner planner, WaveSync waves) {
            this.planner = planner;
            this.waves = waves;
        }

        @Override
        public Class<Command.SyncCluster> handles() {
            return Command.SyncCluster.class;
        }

        @Override
        public Accepted accept(Command.SyncCluster command, Caller caller) {
            return waves.accept(planner.forCluster(command.cluster(), command.options()), command.options(), caller,
                    Set.of("cluster/" + command.cluster()));
        }
    }

    @ApplicationScoped
    static class AppList implements CommandHandler<Command.SyncApps> {
        private final SyncPlanner planner;
        private final WaveSync waves;

        AppList(SyncPlanner planner, WaveSync waves) {
            this.planner = planner;
            this.waves = waves;
        }

        @Override
        public Class<Command.SyncApps> handles() {
            return Command.SyncApps.class;
        }

        @Override
        public Accepted accept(Command.SyncApps command, Caller caller) {
            return waves.accept(planner.forApps(command.apps(), command.options()), command.options(), caller, Set.of());
        }
    }

    @ApplicationScoped
    static class Changed implements CommandHandler<Command.SyncChanged> {
        private final SyncPlanner planner;
        private final WaveSync waves;
        private final ChangedApplications changed;

        Changed(SyncPlanner planner, WaveSync waves, ChangedApplications changed) {
            this.planner = planner;
            this.waves = waves;
            this.changed = changed;
        }

        @Override
        public Class<Command.SyncChanged> handles() {
            return Command.SyncChanged.class;
        }

        @Override
        public Accepted accept(Command.SyncChanged command, Caller caller) {
            List<String> apps = changed.affectedBy(command.repoURL(), command.changedPaths());
            SyncPlan plan = apps.isEmpty() ? new SyncPlan(List.of()) : planner.forApps(apps, command.options());
            return waves.accept(plan, command.options(), caller, Set.of());
        }
    }
}
