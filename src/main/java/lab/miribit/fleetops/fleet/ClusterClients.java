package lab.miribit.fleetops.fleet;

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
 * cluster costs at most that timeout. Rebuilt when the Secret changes; bounded in number and closed when unused
 * ({@code fleet.clusters.max-clients}, {@code fleet.clusters.client-idle}), all on the application's one Vert.x.
 */
@ApplicationScoped
public class ClusterClients {

    private final KubernetesClient central;
    private final Fleet fleet;
    private final FleetConfig config;
    // Every edge client shares the application's Vert.x instead of starting its own event loops.
    private final VertxHttpClientFactory httpClients;
    private final ClientPool<KubernetesClient> edges;
    /**
     * Where every edge client runs its callbacks: fabric8 otherwise gives each client a thread pool of its own, and a
     * thousand clients meant a thousand threads after one probe round.
     */
    private final java.util.concurrent.ExecutorService edgeTasks = java.util.concurrent.Executors.newFixedThreadPool(8,
            runnable -> {
                Thread thread = new Thread(runnable, "edge-client");
                thread.setDaemon(true);
                return thread;
            });

    ClusterClients(KubernetesClient central, Fleet fleet, FleetConfig config, Vertx vertx) {
        this.central = central;
        this.fleet = fleet;
        this.config = config;
        this.httpClients = new VertxHttpClientFactory(vertx);
        this.edges = new ClientPool<>(config.clusters().maxClients(), config.clusters().clientIdle(), java.time.Clock.systemUTC(),
                KubernetesClient::close);
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
        return edges.get(cluster.name(), registration.secretVersion(), () -> build(registration));
    }

    /** The API server and certificates of {@code cluster}, for the certificate check. */
    public ClusterTls tlsOf(Cluster cluster) {
        if (cluster.inCluster()) {
            Config own = central.getConfiguration();
            String ca = own.getCaCertData();
            if ((ca == null || ca.isBlank()) && own.getCaCertFile() != null) {
                try {
                    ca = java.util.Base64.getEncoder().encodeToString(java.nio.file.Files.readAllBytes(
                            java.nio.file.Path.of(own.getCaCertFile())));
                } catch (java.io.IOException unreadable) {
                    ca = null;
                }
            }
            return new ClusterTls(own.getMasterUrl(), ca, own.getClientCertData());
        }
        Fleet.Registration registration = fleet.registration(cluster.name());
        ClusterCredentials.TlsClientConfig tls = registration.credentials() == null ? null : registration.credentials().tls();
        return new ClusterTls(cluster.server(), tls == null ? null : tls.caData(), tls == null ? null : tls.certData());
    }

    private KubernetesClient build(Fleet.Registration registration) {
        ClusterCredentials credentials = registration.credentials();
        ClusterCredentials.TlsClientConfig tls = credentials.tls();
        boolean insecure = Boolean.TRUE.equals(tls.insecure());
        String serverName = tls.serverName() == null || tls.serverName().isBlank() ? null : tls.serverName().trim();
        // Config.empty(): never pick up a kubeconfig, service-account token or proxy from the process environment.
        Config clientConfig = new ConfigBuilder(Config.empty())
                .withMasterUrl(registration.cluster().server())
                .withOauthToken(credentials.bearerToken())
                .withUsername(credentials.username())
                .withPassword(credentials.password())
                .withClientCertData(tls.certData())
                .withClientKeyData(tls.keyData())
                .withClientKeyAlgo(keyAlgorithm(tls.keyData()))
                .withTrustCerts(insecure)
                // With serverName the certificate is checked against that name instead (ServerNameTrustManager).
                .withDisableHostnameVerification(insecure || serverName != null)
                .withConnectionTimeout((int) config.clusters().connectTimeout().toMillis())
                .withRequestTimeout((int) config.clusters().requestTimeout().toMillis())
                // A dead edge must cost one timeout, not a series of back-off retries.
                .withRequestRetryBackoffLimit(0)
                .build();
        // One serialization (one ObjectMapper and its caches) for every client, not one per cluster.
        KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(clientConfig).withHttpClientFactory(httpClients)
                .withTaskExecutor(edgeTasks).withKubernetesSerialization(central.getKubernetesSerialization());
        boolean ownCa = tls.caData() != null && !tls.caData().isBlank();
        if (!insecure && (ownCa || serverName != null)) {
            builder.withHttpClientBuilderConsumer(http -> {
                try {
                    javax.net.ssl.X509TrustManager trusted = ownCa ? EdgeTrust.onlyTheClustersCa(tls.caData())
                            : (javax.net.ssl.X509TrustManager) io.fabric8.kubernetes.client.internal.SSLUtils.trustManagers(clientConfig)[0];
                    http.sslContext(io.fabric8.kubernetes.client.internal.SSLUtils.keyManagers(clientConfig), new javax.net.ssl.TrustManager[] {
                            serverName == null ? trusted : new ServerNameTrustManager(trusted, serverName) });
                } catch (java.security.GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
                    throw new FleetProblem.Unavailable("the TLS settings of cluster " + registration.cluster().name()
                            + " cannot be used: " + e.getClass().getSimpleName(), 60);
                }
            });
        }
        return builder.build();
    }

    /**
     * The client key's algorithm, which fabric8 needs spelled out (it assumes RSA) and Argo CD's Secret does not
     * carry: kubeadm issues RSA keys by default and ECDSA ones when configured to.
     */
    static String keyAlgorithm(String keyData) {
        if (keyData == null || keyData.isBlank()) {
            return "RSA";
        }
        String pem;
        try {
            pem = new String(java.util.Base64.getDecoder().decode(keyData.trim()), java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return "RSA";
        }
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            return "EC";
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            return "RSA";
        }
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.spec.PKCS8EncodedKeySpec spec = new java.security.spec.PKCS8EncodedKeySpec(
                java.util.Base64.getDecoder().decode(body));
        for (String algorithm : new String[] { "RSA", "EC" }) {
            try {
                java.security.KeyFactory.getInstance(algorithm).generatePrivate(spec);
                return algorithm;
            } catch (java.security.GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        return "RSA";
    }

    @PreDestroy
    void closeAll() {
        edges.closeAll();
        edgeTasks.shutdownNow();
    }
}
