package lab.miribit.fleetops.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * One fabric8 client per cluster: the central cluster's is the service's own in-cluster client; an edge
 * cluster's is built from the credentials Argo CD holds in its Secret, with short timeouts so that one dead
 * cluster costs at most that timeout. Rebuilt when the Secret changes.
 */
@ApplicationScoped
public class ClusterClients {

    private final KubernetesClient central;
    private final Fleet fleet;
    private final FleetConfig config;
    // Every edge client shares the application's Vert.x instead of starting its own event loops.
    private final VertxHttpClientFactory httpClients;
    private final Map<String, EdgeClient> edges = new ConcurrentHashMap<>();

    private record EdgeClient(String secretVersion, KubernetesClient client) {
    }

    ClusterClients(KubernetesClient central, Fleet fleet, FleetConfig config, Vertx vertx) {
        this.central = central;
        this.fleet = fleet;
        this.config = config;
        this.httpClients = new VertxHttpClientFactory(vertx);
    }

    public KubernetesClient central() {
        return central;
    }

    /** The client for {@code cluster}; fails with a user-safe message when its Secret's credentials are unusable. */
    public KubernetesClient forCluster(Cluster cluster) {
        if (cluster.inCluster()) {
            return central;
        }
        Fleet.Registration registration = fleet.registration(cluster.name());
        if (registration.credentials() == null) {
            throw new FleetProblem.Unavailable(registration.credentialsProblem(), 60);
        }
        EdgeClient current = edges.compute(cluster.name(), (name, existing) -> {
            if (existing != null && existing.secretVersion().equals(registration.secretVersion())) {
                return existing;
            }
            if (existing != null) {
                existing.client().close();
            }
            return new EdgeClient(registration.secretVersion(), build(registration));
        });
        return current.client();
    }

    private KubernetesClient build(Fleet.Registration registration) {
        ClusterCredentials credentials = registration.credentials();
        ClusterCredentials.TlsClientConfig tls = credentials.tls();
        boolean insecure = Boolean.TRUE.equals(tls.insecure());
        // Config.empty(): never pick up a kubeconfig, service-account token or proxy from the process environment.
        Config clientConfig = new ConfigBuilder(Config.empty())
                .withMasterUrl(registration.cluster().server())
                .withOauthToken(credentials.bearerToken())
                .withUsername(credentials.username())
                .withPassword(credentials.password())
                .withCaCertData(tls.caData())
                .withClientCertData(tls.certData())
                .withClientKeyData(tls.keyData())
                .withTrustCerts(insecure)
                .withDisableHostnameVerification(insecure)
                .withConnectionTimeout((int) config.clusters().connectTimeout().toMillis())
                .withRequestTimeout((int) config.clusters().requestTimeout().toMillis())
                // A dead edge must cost one timeout, not a series of back-off retries.
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(clientConfig).withHttpClientFactory(httpClients).build();
    }

    @PreDestroy
    void closeAll() {
        edges.values().forEach(edge -> edge.client().close());
        edges.clear();
    }
}
