package lab.miribit.fleetops.gitlab;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What fleet-ops asks of GitLab about the GitOps repository. Every method throws {@link GitLabFailure} when
 * GitLab does not answer as hoped; reads are retried on 5xx, writes never.
 */
public interface GitLab {

    /** Whether a GitLab URL and token are configured. */
    boolean configured();

    /** The project's default branch (Argo CD's usual target revision). */
    String defaultBranch();

    /** The commit with this (possibly abbreviated) id, if the repository has it. */
    Optional<GitCommit> commit(String sha);

    /** The paths a commit changed (old and new path of renames). */
    List<String> changedPaths(String sha);

    /** Commits of {@code branch} made at or after {@code since}, newest first, at most {@code limit}. */
    List<GitCommit> commitsSince(String branch, Instant since, int limit);

    /** Asks GitLab whether reverting {@code sha} onto {@code branch} would work, changing nothing. */
    void checkRevert(String sha, String branch);

    /** Reverts {@code sha} with a new commit on {@code branch}; returns that commit. */
    GitCommit revert(String sha, String branch);

    boolean branchExists(String branch);

    void createBranch(String branch, String fromRef);

    /** The open merge request from {@code sourceBranch}, if there is one. */
    Optional<MergeRequest> openMergeRequest(String sourceBranch);

    MergeRequest createMergeRequest(String sourceBranch, String targetBranch, String title, String description);

    /** Sets the commit status {@code name} of {@code sha}; {@code targetUrl} may be null. */
    void setCommitStatus(String sha, CommitState state, String name, String targetUrl, String description);

    /** Whether a project with this path ({@code group/project}) exists (and the token sees it). */
    boolean projectExists(String projectPath);

    /** The id of the group with this path, if it exists. */
    Optional<Long> groupId(String groupPath);

    /** Creates a private top-level group; returns its id. */
    long createGroup(String groupPath);

    /** Creates a private project {@code name} in the group {@code namespaceId}, with a README so it has a default branch. */
    void createProject(long namespaceId, String name);

    /** A deploy token of the GitOps project that may only read its repository, for Argo CD. */
    DeployToken createDeployToken(String name);

    /** {@link #toString()} never shows the token. */
    record DeployToken(String username, String token) {
        @Override
        public String toString() {
            return "DeployToken[username=" + username + "]";
        }
    }

    record GitCommit(String id, String shortId, String title, String message, String webUrl, Instant committedDate) {
    }

    record MergeRequest(long iid, String title, String webUrl, String sourceBranch) {
    }

    /** GitLab's commit status states fleet-ops uses. */
    enum CommitState {
        PENDING, RUNNING, SUCCESS, FAILED;

        String apiName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
