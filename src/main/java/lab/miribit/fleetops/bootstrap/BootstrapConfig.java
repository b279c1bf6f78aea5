package lab.miribit.fleetops.bootstrap;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bootstrap plan's settings: where its state lives, where Argo CD comes from, GitLab's chart, the wiring. */
@ConfigMapping(prefix = "fleet.bootstrap")
public interface BootstrapConfig {

    /** fleet-ops' own namespace: the plan's state ConfigMap and fleet-ops' credentials Secret live there. */
    @WithDefault("fleet-ops")
    String namespace();

    @WithDefault("fleet-ops-bootstrap")
    String stateConfigMap();

    /** Where fleet-ops keeps what bootstrap learns that is secret (Argo CD's initial admin password). */
    @WithDefault("fleet-ops-credentials")
    String credentialsSecret();

    /**
     * How manifests are written: {@code server-side} (server-side apply, what a real API server needs for Argo CD's
     * large CRDs) or {@code update} (create, or replace what exists: for API servers without server-side apply).
     */
    @WithDefault("server-side")
    ApplyMode apply();

    /** Longest wait for a Deployment or StatefulSet to become ready (GitLab's webservice has its own). */
    @WithDefault("5m")
    Duration readyTimeout();

    /** How often a wait looks again (readiness, a token being filled in). */
    @WithDefault("2s")
    Duration pollInterval();

    Argocd argocd();

    Gitlab gitlab();

    /** Edge clusters to register during bootstrap: name → Secret (in {@link #namespace()}) holding its kubeconfig. */
    Map<String, ClusterSource> clusters();

    /** The AppProject the fleet's applications belong to. */
    @WithDefault("observability")
    String project();

    /**
     * The GitOps repository as Argo CD clones it (with {@code .git}: Argo CD does not follow GitLab's redirect);
     * {@code <fleet.gitlab.url>/<fleet.gitlab.project>.git} when unset.
     */
    Optional<String> repositoryUrl();

    /** The root app-of-apps: its path in the GitOps repository and the branch it follows. */
    Root root();

    enum ApplyMode {
        SERVER_SIDE, UPDATE
    }

    interface Argocd {
        /**
         * Argo CD's install manifests: a pinned upstream release by default; an {@code https://} mirror or a
         * {@code file:} path for air-gapped sites.
         */
        @WithDefault("https://raw.githubusercontent.com/argoproj/argo-cd/v3.1.8/manifests/install.yaml")
        String manifests();

        /** Largest manifest document accepted (upstream's is about 2 MB). */
        @WithDefault("16M")
        io.quarkus.runtime.configuration.MemorySize manifestsLimit();
    }

    interface Gitlab {
        @WithDefault("gitlab")
        String namespace();

        /** GitLab's Helm chart: repository and pinned version. */
        @WithDefault("https://charts.gitlab.io")
        String chartRepository();

        @WithDefault("9.4.1")
        String chartVersion();

        /** The domain GitLab's host names are made from ({@code gitlab.<domain>}). */
        @WithDefault("k8s-cluster-01.miribit.lab")
        String domain();

        /** Longest wait for GitLab's webservice to become ready (the guide says about 10 minutes). */
        @WithDefault("15m")
        Duration readyTimeout();

        /** The group of the GitOps project; the project is {@code fleet.gitlab.project}. */
        Optional<String> group();
    }

    interface ClusterSource {
        /** Secret in {@code fleet.bootstrap.namespace} whose key {@code kubeconfig} holds the cluster's kubeconfig. */
        String kubeconfigSecret();
    }

    interface Root {
        @WithDefault("argocd/applications")
        String path();

        @WithDefault("main")
        String revision();
    }
}
