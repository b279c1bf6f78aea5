package lab.miribit.fleetops.rollback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import lab.miribit.fleetops.argocd.ArgoCd;
import lab.miribit.fleetops.gitlab.GitLab;
import lab.miribit.fleetops.gitlab.GitLabConfig;
import lab.miribit.fleetops.gitlab.GitLabFailure;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.operations.Caller;
import lab.miribit.fleetops.operations.Command;
import lab.miribit.fleetops.operations.CommandHandler;
import lab.miribit.fleetops.operations.Progress;
import lab.miribit.fleetops.problem.FleetProblem;
import lab.miribit.fleetops.sync.ChangedApplications;

/**
 * {@code git revert} through GitLab. Everything that can refuse is asked while the caller waits, without
 * changing anything: the commit exists, it is not reverted yet (else the existing revert or merge request is
 * the answer, never a second one), and GitLab's dry run says the revert applies ({@code empty} or
 * {@code conflict} → 409). The operation then commits the revert (and opens the merge request) and asks
 * Argo CD to refresh the applications the commit touched.
 */
@ApplicationScoped
class RevertHandler implements CommandHandler<Command.Revert> {

    static final String BRANCH_PREFIX = "fleet-ops/revert-";
    private static final Logger LOG = Logger.getLogger(RevertHandler.class);
    /** GitLab's revert commits say so in their message; how an earlier revert of the same commit is recognised. */
    private static final String REVERT_MARK = "This reverts commit ";
    private static final int SEARCHED_COMMITS = 500;

    private final GitLab gitlab;
    private final GitLabConfig config;
    private final ChangedApplications changed;
    private final ArgoCd argoCd;

    RevertHandler(GitLab gitlab, GitLabConfig config, ChangedApplications changed, ArgoCd argoCd) {
        this.gitlab = gitlab;
        this.config = config;
        this.changed = changed;
        this.argoCd = argoCd;
    }

    @Override
    public Set<Class<? extends Command.Revert>> handles() {
        return Set.of(Command.Revert.class);
    }

    @Override
    public Accepted accept(Command.Revert command, Caller caller) {
        try {
            return plan(command, caller);
        } catch (GitLabFailure failure) {
            throw problemOf(failure, command.sha());
        }
    }

    private Accepted plan(Command.Revert command, Caller caller) {
        if (!gitlab.configured()) {
            throw new FleetProblem.Unavailable("GitLab is not configured: set fleet.gitlab.url and fleet.gitlab.token",
                    FleetProblem.Reason.of("gitlab-not-configured"), 300);
        }
        GitLab.GitCommit commit = gitlab.commit(command.sha()).orElseThrow(() -> new FleetProblem.NotFound(
                "commit " + command.sha() + " not found in " + config.project(),
                FleetProblem.Reason.of("commit-not-found", command.sha(), config.project())));
        String target = gitlab.defaultBranch();
        String branch = BRANCH_PREFIX + commit.id();
        Set<String> locks = Set.of("git/" + commit.id());

        Optional<GitLab.GitCommit> existing = findRevert(target, commit);
        if (existing.isPresent()) {
            Note done = Note.of("already-reverted", commit.shortId(), target, existing.get().shortId(), link(existing.get().webUrl()));
            return new Accepted(locks, List.of(Note.of("look-for-revert")), progress -> {
                progress.skipped(0, done);
                return done;
            });
        }
        if (command.mergeRequest()) {
            Optional<GitLab.MergeRequest> open = gitlab.openMergeRequest(branch);
            if (open.isPresent()) {
                Note done = Note.of("already-reverting-mr", open.get().iid(), commit.shortId(), link(open.get().webUrl()));
                return new Accepted(locks, List.of(Note.of("look-for-mr")), progress -> {
                    progress.skipped(0, done);
                    return done;
                });
            }
        }
        gitlab.checkRevert(commit.id(), target);
        List<String> apps = affectedApps(commit);
        if (!command.mergeRequest()) {
            return new Accepted(locks, List.of(Note.of("revert-on", commit.shortId(), target), Note.of("ask-argocd-to-refresh")),
                    progress -> revertDirectly(commit, target, apps, progress));
        }
        return new Accepted(locks, List.of(Note.of("create-branch", branch), Note.of("revert-on-branch", commit.shortId()),
                Note.of("open-mr-into", target)),
                progress -> revertForReview(commit, target, branch, apps, caller, progress));
    }

    private Note revertDirectly(GitLab.GitCommit commit, String target, List<String> apps, Progress progress) {
        progress.started(0, null);
        GitLab.GitCommit revert = write(() -> gitlab.revert(commit.id(), target), commit.shortId(), progress, 0);
        progress.succeeded(0, Note.of("committed", revert.shortId()));
        progress.started(1, null);
        int refreshed = refresh(apps);
        progress.succeeded(1, Note.of("apps-count", refreshed));
        return Note.of("then", Note.of("reverted", commit.shortId(), commit.title(), target, revert.shortId(), link(revert.webUrl())),
                affected(apps));
    }

    private Note revertForReview(GitLab.GitCommit commit, String target, String branch, List<String> apps, Caller caller,
            Progress progress) {
        progress.started(0, null);
        if (gitlab.branchExists(branch)) {
            progress.succeeded(0, Note.of("exists-already"));
        } else {
            write(() -> {
                gitlab.createBranch(branch, target);
                return null;
            }, commit.shortId(), progress, 0);
            progress.succeeded(0, Note.of("branched-from", target));
        }
        progress.started(1, null);
        Optional<GitLab.GitCommit> onBranch = findRevert(branch, commit);
        if (onBranch.isPresent()) {
            // An earlier attempt reverted on the branch and then failed to open the merge request.
            progress.succeeded(1, Note.of("already-there-as", onBranch.get().shortId()));
        } else {
            GitLab.GitCommit revert = write(() -> gitlab.revert(commit.id(), branch), commit.shortId(), progress, 1);
            progress.succeeded(1, Note.of("committed", revert.shortId()));
        }
        progress.started(2, null);
        GitLab.MergeRequest mr = write(() -> gitlab.createMergeRequest(branch, target, "Revert \"" + commit.title() + "\"",
                description(commit, apps, caller, progress.operationId())), commit.shortId(), progress, 2);
        progress.succeeded(2, Note.verbatim("!" + mr.iid()));
        return Note.of("then", Note.of("opened-revert-mr", mr.iid(), commit.shortId(), target, link(mr.webUrl())), affected(apps));
    }

    private Optional<GitLab.GitCommit> findRevert(String branch, GitLab.GitCommit commit) {
        Instant since = commit.committedDate() == null ? Instant.EPOCH : commit.committedDate();
        return gitlab.commitsSince(branch, since, SEARCHED_COMMITS).stream()
                .filter(candidate -> candidate.message() != null && candidate.message().contains(REVERT_MARK + commit.id()))
                .findFirst();
    }

    private List<String> affectedApps(GitLab.GitCommit commit) {
        List<String> paths = gitlab.changedPaths(commit.id());
        return paths.isEmpty() ? List.of() : changed.affectedInProject(config.project(), paths);
    }

    /** Argo CD notices the revert at its next poll anyway; a refresh makes that now. Not being able to is no failure. */
    private int refresh(List<String> apps) {
        int refreshed = 0;
        for (String app : apps) {
            try {
                argoCd.requestRefresh(app, false);
                refreshed++;
            } catch (RuntimeException e) {
                LOG.warnf("could not ask Argo CD to refresh %s after a revert: %s", app, e.getMessage());
            }
        }
        return refreshed;
    }

    private static String description(GitLab.GitCommit commit, List<String> apps, Caller caller, String operationId) {
        StringBuilder text = new StringBuilder("Reverts ").append(commit.id()).append(" (\"").append(commit.title())
                .append("\"), asked by ").append(caller.name()).append(" via ").append(caller.via().label())
                .append(" (fleet-ops operation ").append(operationId).append(").\n\n");
        if (apps.isEmpty()) {
            text.append("No Argo CD application's source covers the paths this commit changed.\n");
        } else {
            text.append("Applications whose source this commit changed, which Argo CD rolls back once this is merged:\n\n");
            apps.forEach(app -> text.append("- `").append(app).append("`\n"));
        }
        return text.toString();
    }

    private static Note affected(List<String> apps) {
        return apps.isEmpty() ? Note.of("touches-no-app") : Note.of("touches", String.join(", ", apps));
    }

    /** Why GitLab refused a revert, as a reason: nothing to revert, a conflict, or GitLab's own words. */
    private static FleetProblem.Reason refusal(GitLabFailure failure, String sha) {
        if ("empty".equals(failure.errorCode())) {
            return FleetProblem.Reason.of("revert-changes-nothing", sha);
        }
        if ("conflict".equals(failure.errorCode())) {
            return FleetProblem.Reason.of("revert-conflicts", sha);
        }
        return FleetProblem.Reason.of("revert-refused", sha, failure.getMessage());
    }

    private static String link(String url) {
        return url == null ? "" : " (" + url + ")";
    }

    /** Runs a GitLab write; a refusal fails the step and the operation with GitLab's reason. */
    private <T> T write(java.util.function.Supplier<T> change, String shortSha, Progress progress, int step) {
        try {
            return change.get();
        } catch (GitLabFailure failure) {
            FleetProblem problem = problemOf(failure, shortSha);
            progress.failed(step, Note.verbatim(problem.getMessage()));
            throw problem;
        }
    }

    static FleetProblem problemOf(GitLabFailure failure, String sha) {
        return switch (failure.kind()) {
            case NOT_FOUND -> new FleetProblem.NotFound(failure.getMessage());
            case REFUSED -> new FleetProblem.Conflict("GitLab cannot revert " + sha + " automatically"
                    + (failure.errorCode() == null ? "" : " (" + failure.errorCode() + ")") + ": " + failure.getMessage()
                    + ("empty".equals(failure.errorCode()) ? " It changes nothing on the target branch: it may be reverted already." : "")
                    + ("conflict".equals(failure.errorCode()) ? " Later commits changed the same lines: revert it by hand." : ""),
                    refusal(failure, sha));
            case NOT_CONFIGURED -> new FleetProblem.Unavailable(failure.getMessage(), 300);
            case UNAUTHORIZED, UNEXPECTED -> new FleetProblem.Unavailable(failure.getMessage(), 60);
            case UNAVAILABLE -> new FleetProblem.Unavailable(failure.getMessage(), 30);
        };
    }
}
