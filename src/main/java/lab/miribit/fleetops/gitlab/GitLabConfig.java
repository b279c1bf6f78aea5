package lab.miribit.fleetops.gitlab;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The GitLab that holds the fleet's GitOps repository: its API, its CI jobs' tokens, its webhook. */
@ConfigMapping(prefix = "fleet.gitlab")
public interface GitLabConfig {

    /**
     * GitLab's address, e.g. {@code https://gitlab.k8s-cluster-01.miribit.lab}; also the issuer of its CI jobs'
     * {@code id_tokens}. Without it, revert and commit statuses answer "GitLab is not configured".
     */
    Optional<URI> url();

    /** A project access token with the {@code api} scope (the guide's {@code GITLAB_TOKEN}); never logged. */
    Optional<String> token();

    /** The GitOps repository (Argo CD's source), as {@code group/project}. */
    @WithDefault("observability/thanos-multi-cluster")
    String project();

    /** Connect and read timeout of every GitLab API request. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How often a read is tried when GitLab answers 5xx or cannot be reached; writes are tried once. */
    @WithDefault("3")
    int readAttempts();

    /** Wait before the first retry of a read; doubled before each further one. */
    @WithDefault("500ms")
    Duration retryBackoff();

    Ci ci();

    Webhook webhook();

    CommitStatus commitStatus();

    /** GitLab CI jobs calling fleet-ops with their {@code id_tokens} JWT. */
    interface Ci {
        /** Accept GitLab CI job tokens at all (needs {@code fleet.gitlab.url}). */
        @WithDefault("true")
        boolean enabled();

        /** The {@code aud} the job's {@code id_tokens} entry declares. */
        @WithDefault("fleet-ops")
        String audience();

        /** Projects whose jobs may call, e.g. {@code observability/thanos-multi-cluster}; none when unset. */
        Optional<List<String>> projectPaths();

        /** Branches whose (protected) pipelines may call. */
        @WithDefault("main")
        List<String> refs();
    }

    /** {@code POST /hooks/gitlab}: push events of the GitOps repository. */
    interface Webhook {
        /** The secret token set on the GitLab webhook; the webhook refuses every delivery while it is unset. */
        Optional<String> secret();

        /** Sync the applications a push concerns (Argo CD's own sync followed where it is automated), not only refresh them. */
        @WithDefault("false")
        boolean sync();

        /** How long a delivery id is remembered (by every replica), so that GitLab's retries act once. */
        @WithDefault("1h")
        Duration deliveryMemory();
    }

    /** The commit status that shows a merge's rollout on its commit. */
    interface CommitStatus {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("fleet-ops/sync")
        String name();
    }
}
