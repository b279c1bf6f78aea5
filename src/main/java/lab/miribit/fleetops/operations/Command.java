package lab.miribit.fleetops.operations;

import java.util.List;

/**
 * An action someone asks for, whichever transport it came through. Transports build these; the
 * {@link OperationService} authorizes, de-duplicates, audits and runs them.
 */
public sealed interface Command extends Request permits Command.Sync, Command.Refresh, Command.Rollback, Command.AutoSync,
        Command.Revert, Command.Push, Command.Bootstrap, Command.RegisterCluster, Command.RunCheck {

    /** Every {@link #kind()}, for metrics that must exist before the first action of a kind. */
    List<String> KINDS = List.of("sync", "refresh", "rollback", "auto-sync", "revert", "push", "bootstrap", "register-cluster",
            "check");

    /** The operation kind shown to users and in metrics, e.g. {@code sync}; one of {@link #KINDS}. */
    String kind();

    /** What the action is aimed at, e.g. {@code app/prometheus-agent-cluster-03} or {@code cluster/cluster-03}. */
    String target();

    /** The ways to name what to sync; all are run wave by wave with the same options. */
    sealed interface Sync extends Command permits SyncApp, SyncCluster, SyncApps, SyncTargets, SyncChanged {

        SyncOptions options();

        @Override
        default String kind() {
            return "sync";
        }

        @Override
        default FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }

    record SyncApp(String app, SyncOptions options) implements Sync {
        @Override
        public String target() {
            return "app/" + app;
        }
    }

    /** Every application destined to the cluster. */
    record SyncCluster(String cluster, SyncOptions options) implements Sync {
        @Override
        public String target() {
            return "cluster/" + cluster;
        }
    }

    /** A list of applications by name. */
    record SyncApps(List<String> apps, SyncOptions options) implements Sync {
        public SyncApps {
            apps = List.copyOf(apps);
        }

        @Override
        public String target() {
            return "apps/" + String.join(",", apps);
        }

        @Override
        public boolean allowedForCi() {
            return true;
        }
    }

    /**
     * Names as a person types them, each a cluster or an application; the sync handler tells which against the fleet it
     * knows. One cluster is that {@link SyncCluster}, one application that {@link SyncApp}, several names every
     * application they stand for.
     */
    record SyncTargets(List<String> targets, SyncOptions options) implements Sync {
        public SyncTargets {
            targets = List.copyOf(targets);
            if (targets.isEmpty()) {
                throw new lab.miribit.fleetops.problem.FleetProblem.InvalidInput("name at least one cluster or application to sync");
            }
        }

        @Override
        public String target() {
            return "targets/" + String.join(",", targets);
        }
    }

    /**
     * The applications a Git change touched: those whose source repository is {@code repoURL} and whose path
     * contains one of {@code changedPaths}; the entry point of the GitOps repository's CI after a merge.
     */
    record SyncChanged(String repoURL, String revision, List<String> changedPaths, SyncOptions options) implements Sync {
        public SyncChanged {
            changedPaths = List.copyOf(changedPaths);
            revision = SyncOptions.checkedRevision(revision);
        }

        @Override
        public String target() {
            return "changes/" + (revision == null ? repoURL : revision);
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

    /**
     * Argo CD's history rollback: redeploy the history entry {@code id} (null: the previous deployment).
     *
     * @param disableAutoSync switch automated sync off first, as Argo CD refuses a rollback while it is on
     */
    record Rollback(String app, Long id, boolean disableAutoSync) implements Command {
        @Override
        public String kind() {
            return "rollback";
        }

        @Override
        public String target() {
            return "app/" + app;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.ADMIN;
        }
    }

    /**
     * Switches an application's automated sync off, or on again (after a rollback): on Argo CD 3.1+ through
     * {@code automated.enabled}; on older versions, which lack that field, by removing the {@code automated} block
     * and restoring it later.
     */
    record AutoSync(String app, boolean enabled) implements Command {
        @Override
        public String kind() {
            return "auto-sync";
        }

        @Override
        public String target() {
            return "app/" + app;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.ADMIN;
        }
    }

    /**
     * A {@code git revert} of a commit of the GitOps repository through GitLab: straight onto its default branch,
     * or onto a branch {@code fleet-ops/revert-<sha>} with a merge request for review.
     */
    record Revert(String sha, boolean mergeRequest) implements Command {
        private static final java.util.regex.Pattern SHA = java.util.regex.Pattern.compile("[0-9a-f]{7,40}");

        public Revert {
            String checked = sha == null ? "" : sha.trim().toLowerCase(java.util.Locale.ROOT);
            if (!SHA.matcher(checked).matches()) {
                throw new lab.miribit.fleetops.problem.FleetProblem.InvalidInput(
                        "sha must be a commit id of 7 to 40 hex digits");
            }
            sha = checked;
        }

        @Override
        public String kind() {
            return "revert";
        }

        @Override
        public String target() {
            return "git/" + sha;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.ADMIN;
        }
    }

    /**
     * A push to the GitOps repository (GitLab's webhook): refresh the applications that track what was pushed, as
     * Argo CD's own webhook would, and, when {@code sync} is set, sync those Argo CD then finds OutOfSync.
     *
     * @param pushed        the pushed branch or tag, as Argo CD's webhook names it ({@code refs/heads/} stripped)
     * @param defaultBranch the repository's default branch, which applications tracking HEAD follow
     * @param changedPaths  null when GitLab's payload did not list every commit: then every application tracking the
     *                      pushed revision counts as touched
     */
    record Push(String repoURL, String revision, String pushed, String defaultBranch, List<String> changedPaths, boolean sync)
            implements Command {
        public Push {
            changedPaths = changedPaths == null ? null : List.copyOf(changedPaths);
            revision = SyncOptions.checkedRevision(revision);
        }

        @Override
        public String kind() {
            return "push";
        }

        @Override
        public String target() {
            return "changes/" + revision;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }

    /**
     * The guide's three install scripts as one resumable plan.
     *
     * @param steps the steps to run, by name; empty for the whole plan
     */
    record Bootstrap(boolean dryRun, List<String> steps) implements Command {
        public Bootstrap {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }

        @Override
        public String kind() {
            return "bootstrap";
        }

        @Override
        public String target() {
            return "fleet/bootstrap";
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.ADMIN;
        }
    }

    /**
     * Registers an edge cluster the way {@code argocd cluster add} does.
     *
     * @param kubeconfig the cluster's kubeconfig (YAML); used to reach it once, never stored, logged or shown
     */
    record RegisterCluster(String name, String kubeconfig) implements Command {
        @Override
        public String kind() {
            return "register-cluster";
        }

        @Override
        public String target() {
            return "cluster/" + name;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.ADMIN;
        }

        @Override
        public String toString() {
            return "RegisterCluster[name=" + name + ", kubeconfig=(" + (kubeconfig == null ? 0 : kubeconfig.length()) + " characters)]";
        }
    }

    /**
     * One of the scheduled checks (certificates, S3, drift), run now on demand: it probes the fleet's endpoints and
     * may post alerts, so it is asked for at the door like any other action, authorized and audited.
     */
    record RunCheck(String check) implements Command {
        @Override
        public String kind() {
            return "check";
        }

        @Override
        public String target() {
            return "check/" + check;
        }

        @Override
        public FleetRole requiredRole() {
            return FleetRole.OPERATOR;
        }
    }
}
