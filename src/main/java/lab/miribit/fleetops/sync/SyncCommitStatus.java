package lab.miribit.fleetops.sync;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.gitlab.GitLab;
import lab.miribit.fleetops.gitlab.GitLabConfig;
import lab.miribit.fleetops.gitlab.GitLabFailure;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.Operation;
import lab.miribit.fleetops.operations.OperationChanged;

/**
 * Shows a merge's rollout on its commit: the sync started for a revision of the GitOps repository (by its CI
 * job or its webhook) sets the GitLab commit status {@code fleet-ops/sync} of that SHA to pending, running,
 * success or failed, linking to the operation. Posted in order from one thread; GitLab being down costs the
 * status, never the sync.
 */
@ApplicationScoped
class SyncCommitStatus {

    private static final Logger LOG = Logger.getLogger(SyncCommitStatus.class);
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,40}");

    private final GitLab gitlab;
    private final GitLabConfig config;
    private final FleetConfig fleet;
    private final ExecutorService poster = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gitlab-commit-status");
        thread.setDaemon(true);
        return thread;
    });

    SyncCommitStatus(GitLab gitlab, GitLabConfig config, FleetConfig fleet) {
        this.gitlab = gitlab;
        this.config = config;
        this.fleet = fleet;
    }

    void onChange(@Observes OperationChanged change) {
        String sha = revisionOf(change.command());
        if (sha == null || !config.commitStatus().enabled() || !gitlab.configured()) {
            return;
        }
        Operation.Snapshot operation = change.operation();
        GitLab.CommitState state = switch (operation.state()) {
            case PENDING -> GitLab.CommitState.PENDING;
            case RUNNING -> GitLab.CommitState.RUNNING;
            case SUCCEEDED -> GitLab.CommitState.SUCCESS;
            case FAILED -> GitLab.CommitState.FAILED;
        };
        String description = operation.state().finished() ? operation.message() : "operation " + operation.id() + " " + operation.state().label();
        poster.execute(() -> post(sha, state, operation.id(), description));
    }

    private void post(String sha, GitLab.CommitState state, String operationId, String description) {
        try {
            gitlab.setCommitStatus(sha, state, config.commitStatus().name(), link(operationId), description);
        } catch (GitLabFailure failure) {
            LOG.warnf("could not set the commit status of %s to %s for operation %s: %s", sha, state, operationId,
                    failure.getMessage());
        }
    }

    /** The SHA a sync of the GitOps repository was started for, or null for any other operation. */
    private String revisionOf(Command command) {
        String repoURL;
        String revision;
        if (command instanceof Command.SyncChanged changed) {
            repoURL = changed.repoURL();
            revision = changed.revision();
        } else if (command instanceof Command.Push push && push.sync()) {
            repoURL = push.repoURL();
            revision = push.revision();
        } else {
            return null;
        }
        if (revision == null || !SHA.matcher(revision).matches() || !isGitOpsRepository(repoURL)) {
            return null;
        }
        return revision.toLowerCase(Locale.ROOT);
    }

    private boolean isGitOpsRepository(String repoURL) {
        try {
            String repository = ChangedApplications.normalizeRepository(repoURL).toLowerCase(Locale.ROOT);
            return repository.endsWith("/" + config.project().toLowerCase(Locale.ROOT));
        } catch (RuntimeException unusable) {
            return false;
        }
    }

    private String link(String operationId) {
        return fleet.publicUrl().map(URI::toString)
                .map(base -> (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/operations/" + operationId)
                .orElse(null);
    }

    @PreDestroy
    void stop() {
        poster.shutdown();
    }
}
