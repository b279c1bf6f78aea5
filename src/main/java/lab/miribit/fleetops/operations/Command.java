package lab.miribit.fleetops.operations;

import java.util.List;

/**
 * An action someone asks for, whichever transport it came through. Transports build these; the
 * {@link OperationService} authorizes, de-duplicates, audits and runs them.
 */
public sealed interface Command permits Command.SyncApp, Command.SyncCluster, Command.SyncApps, Command.SyncChanged, Command.Refresh {

    /** The operation kind shown to users and in metrics, e.g. {@code sync}. */
    String kind();

    /** What the action is aimed at, e.g. {@code app/prometheus-agent-cluster-03} or {@code cluster/cluster-03}. */
    String target();

    /** The lowest role that may ask for it. */
    FleetRole requiredRole();

    /** Whether a GitLab CI job ({@code fleet-ci}) may ask for it. */
    default boolean allowedForCi() {
        return false;
    }

    record SyncApp(String app, SyncOptions options) implements Command {
        @Override
        public String kind() {
            return "sync";
        }

        @Override
        public String target() {
            return "app/" + app;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }

    record SyncCluster(String cluster, SyncOptions options) implements Command {
        @Override
        public String kind() {
            return "sync";
        }

        @Override
        public String target() {
            return "cluster/" + cluster;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }

    /** A list of applications, synced wave by wave; the CI entry point. */
    record SyncApps(List<String> apps, SyncOptions options) implements Command {
        public SyncApps {
            apps = List.copyOf(apps);
        }

        @Override
        public String kind() {
            return "sync";
        }

        @Override
        public String target() {
            return "apps/" + String.join(",", apps);
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }

        @Override
        public boolean allowedForCi() {
            return true;
        }
    }

    /**
     * The applications a Git change touched: those whose source repository is {@code repoURL} and whose path
     * contains one of {@code changedPaths}; the entry point of the GitOps repository's CI after a merge.
     */
    record SyncChanged(String repoURL, String revision, List<String> changedPaths, SyncOptions options) implements Command {
        public SyncChanged {
            changedPaths = List.copyOf(changedPaths);
            revision = SyncOptions.checkedRevision(revision);
        }

        @Override
        public String kind() {
            return "sync";
        }

        @Override
        public String target() {
            return "changes/" + (revision == null ? repoURL : revision);
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }

        @Override
        public boolean allowedForCi() {
            return true;
        }
    }

    record Refresh(String app, boolean hard) implements Command {
        @Override
        public String kind() {
            return "refresh";
        }

        @Override
        public String target() {
            return "app/" + app;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }
}
