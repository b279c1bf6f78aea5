package lab.miribit.fleetops.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The shape of the fleet: which cluster is central, where Argo CD keeps its cluster Secrets, how edges are reached. */
@ConfigMapping(prefix = "fleet")
public interface FleetConfig {

    Central central();

    /**
     * Where users reach fleet-ops, e.g. {@code https://fleet-ops.k8s-cluster-01.miribit.lab}: the base of links
     * to operations (GitLab commit statuses). Links are left out without it.
     */
    Optional<URI> publicUrl();

    Argocd argocd();

    Clusters clusters();

    interface Central {
        /** Name of the cluster fleet-ops and Argo CD run in. */
        @WithDefault("cluster-01")
        String name();

        /** Argo CD's address for the in-cluster API server; a cluster Secret with this server describes the central cluster. */
        @WithDefault("https://kubernetes.default.svc")
        String server();
    }

    interface Argocd {
        /** Namespace holding Argo CD, its Applications and its cluster Secrets. */
        @WithDefault("argocd")
        String namespace();
    }

    interface Clusters {
        /** Label on a cluster Secret whose value ({@code central} or {@code edge}) sets the cluster's role; edge when absent. */
        @WithDefault("fleet-ops.miribit.lab/role")
        String roleLabel();

        /** TCP/TLS connect timeout towards an edge API server. */
        @WithDefault("3s")
        Duration connectTimeout();

        /** Longest wait for one answer from an edge API server; a cluster slower than this is marked Failed. */
        @WithDefault("3s")
        Duration requestTimeout();

        /** How often every cluster's API server is probed ({@code /version}). */
        @WithDefault("30s")
        Duration probeInterval();

        /** Most edge clients open at once; the least recently used beyond it is closed, and built again when needed. */
        @WithDefault("2000")
        int maxClients();

        /** An edge client unused this long is closed: a cluster that left the fleet keeps no client open. */
        @WithDefault("10m")
        Duration clientIdle();
    }
}
