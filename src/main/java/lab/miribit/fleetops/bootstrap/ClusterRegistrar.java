package lab.miribit.fleetops.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import lab.miribit.fleetops.operations.Note;
import lab.miribit.fleetops.fleet.FleetConfig;
import lab.miribit.fleetops.problem.DnsLabel;
import lab.miribit.fleetops.problem.FleetProblem;

/**
 * Registers an edge cluster as {@code argocd cluster add} does: on the cluster, a ServiceAccount
 * {@code argocd-manager} in {@code kube-system} with a cluster-admin-like ClusterRole and a long-lived token
 * Secret; here, Argo CD's cluster Secret with that token and the cluster's CA. Never the kubeconfig's own
 * credential: kubeadm's admin client certificate expires after a year and the cluster would silently drop
 * out of the fleet. The kubeconfig is used for these requests only.
 */
@ApplicationScoped
class ClusterRegistrar {

    static final String SERVICE_ACCOUNT = "argocd-manager";
    static final String TOKEN_SECRET = "argocd-manager-long-lived-token";
    private static final String CLUSTER_ROLE = "argocd-manager-role";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KubernetesClient central;
    private final FleetConfig fleet;
    private final BootstrapConfig config;
    private final ObjectApplier applier;
    private final ObjectMapper json = new ObjectMapper();

    ClusterRegistrar(KubernetesClient central, FleetConfig fleet, BootstrapConfig config, ObjectApplier applier) {
        this.central = central;
        this.fleet = fleet;
        this.config = config;
        this.applier = applier;
    }

    /** A cluster ready to be registered: checked name, parsed kubeconfig, server reachable without a redirect. */
    record Target(String name, Kubeconfig kubeconfig) {
    }

    /** Everything that can refuse, before anything is written: 400 for the request, 503 for an unreachable server. */
    Target check(String name, String kubeconfigText) {
        DnsLabel.require("cluster", name);
        if (name.equals(fleet.central().name())) {
            throw new FleetProblem.Conflict(name + " is the central cluster; Argo CD reaches it in-cluster");
        }
        Kubeconfig kubeconfig = Kubeconfig.parse(kubeconfigText);
        probe(kubeconfig);
        return new Target(name, kubeconfig);
    }

    /** Whether Argo CD already holds this cluster with a ServiceAccount token for {@code server}. */
    boolean registered(String name, String server) {
        Secret secret = central.secrets().inNamespace(fleet.argocd().namespace()).withName(secretName(name)).get();
        String storedServer = SecretValue.of(secret, "server");
        String storedConfig = SecretValue.of(secret, "config");
        return server.equals(storedServer) && storedConfig != null && storedConfig.contains("\"bearerToken\"");
    }

    /** Creates (or updates) what the cluster needs, then the cluster Secret; returns what was done. */
    Note register(Target target, Consumer<Note> report) throws InterruptedException {
        try (KubernetesClient edge = clientFor(target.kubeconfig())) {
            for (HasMetadata object : managerObjects()) {
                applier.apply(edge, object);
            }
            report.accept(Note.of("boot.manager-on", "kube-system/" + SERVICE_ACCOUNT, target.name()));
            String token = awaitToken(edge, target.name());
            applier.apply(central, clusterSecret(target, token));
        }
        return Note.of("boot.registered-with-token", target.name(), target.kubeconfig().server(), "kube-system/" + SERVICE_ACCOUNT);
    }

    static String secretName(String cluster) {
        return "cluster-" + cluster;
    }

    private List<HasMetadata> managerObjects() {
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(SERVICE_ACCOUNT).withNamespace("kube-system").endMetadata().build(),
                new ClusterRoleBuilder().withNewMetadata().withName(CLUSTER_ROLE).endMetadata()
                        .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build(),
                                new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build())
                        .build(),
                new ClusterRoleBindingBuilder().withNewMetadata().withName(CLUSTER_ROLE + "-binding").endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(CLUSTER_ROLE).endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace("kube-system").endSubject()
                        .build(),
                // Since Kubernetes 1.24 ServiceAccounts get no token Secret by themselves; this one never expires.
                new SecretBuilder().withNewMetadata().withName(TOKEN_SECRET).withNamespace("kube-system")
                        .addToAnnotations("kubernetes.io/service-account.name", SERVICE_ACCOUNT).endMetadata()
                        .withType("kubernetes.io/service-account-token").build());
    }

    private String awaitToken(KubernetesClient edge, String cluster) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Secret secret = edge.secrets().inNamespace("kube-system").withName(TOKEN_SECRET).get();
            String token = SecretValue.of(secret, "token");
            if (token != null && !token.isBlank()) {
                return token;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new FleetProblem.Unavailable(cluster + " did not fill in the token of kube-system/" + TOKEN_SECRET
                        + " within 30 s; is its kube-controller-manager running?", 60);
            }
            Thread.sleep(config.pollInterval().toMillis());
        }
    }

    private Secret clusterSecret(Target target, String token) {
        Map<String, Object> tls = new LinkedHashMap<>();
        tls.put("insecure", false);
        if (target.kubeconfig().caData() != null) {
            tls.put("caData", target.kubeconfig().caData());
        }
        String clusterConfig;
        try {
            clusterConfig = json.writeValueAsString(Map.of("bearerToken", token, "tlsClientConfig", tls));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new SecretBuilder().withNewMetadata().withName(secretName(target.name())).withNamespace(fleet.argocd().namespace())
                .addToLabels("argocd.argoproj.io/secret-type", "cluster").addToLabels(fleet.clusters().roleLabel(), "edge")
                .addToLabels("app.kubernetes.io/managed-by", "fleet-ops").endMetadata()
                .withType("Opaque")
                .addToData("name", GitLabSteps.base64(target.name()))
                .addToData("server", GitLabSteps.base64(target.kubeconfig().server()))
                .addToData("config", GitLabSteps.base64(clusterConfig))
                .build();
    }

    private KubernetesClient clientFor(Kubeconfig kubeconfig) {
        // Config.empty(): nothing from this process' environment (its own kubeconfig, token, proxy) leaks in.
        Config clientConfig = new ConfigBuilder(Config.empty())
                .withMasterUrl(kubeconfig.server())
                .withCaCertData(kubeconfig.caData())
                .withOauthToken(kubeconfig.token())
                .withClientCertData(kubeconfig.clientCertData())
                .withClientKeyData(kubeconfig.clientKeyData())
                .withUsername(kubeconfig.username())
                .withPassword(kubeconfig.password())
                .withConnectionTimeout((int) TIMEOUT.toMillis())
                .withRequestTimeout((int) TIMEOUT.toMillis())
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(clientConfig).build();
    }

    /** {@code GET /version}, verifying the server's certificate, following no redirect: the URL must be the API server's own. */
    private void probe(Kubeconfig kubeconfig) {
        refuseLinkLocal(kubeconfig.server());
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext(kubeconfig.caData())).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(kubeconfig.server() + "/version")).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLException e) {
            throw new FleetProblem.InvalidInput("the TLS handshake with " + kubeconfig.server() + " failed: its certificate is not"
                    + " signed by the kubeconfig's certificate-authority-data or not issued for that host");
        } catch (IOException e) {
            throw new FleetProblem.Unavailable(kubeconfig.server() + " is unreachable (" + e.getClass().getSimpleName() + ")", 30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetProblem.Unavailable("interrupted while reaching " + kubeconfig.server(), 30);
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            String to = response.headers().firstValue("Location").map(location -> " to " + location).orElse("");
            throw new FleetProblem.InvalidInput(kubeconfig.server() + " redirects (" + status + to
                    + "); give the API server's own address");
        }
        if (status >= 500) {
            throw new FleetProblem.Unavailable(kubeconfig.server() + " answered " + status + " to GET /version", 30);
        }
    }

    /**
     * A link-local address is a cloud's metadata service (169.254.169.254), never an API server: asking it would
     * turn registration into a way to read the node's credentials (SSRF). Checked on every address the name has.
     */
    private static void refuseLinkLocal(String server) {
        String host = URI.create(server).getHost();
        try {
            for (java.net.InetAddress address : java.net.InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""))) {
                if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    throw new FleetProblem.InvalidInput(host + " is a link-local, wildcard or multicast address, not an API server");
                }
            }
        } catch (java.net.UnknownHostException e) {
            throw new FleetProblem.Unavailable(host + " does not resolve", 30);
        }
    }

    private static SSLContext sslContext(String caData) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (caData == null) {
                context.init(null, null, null);
                return context;
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(Base64.getDecoder().decode(caData)))) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new FleetProblem.InvalidInput("the kubeconfig's certificate-authority-data is not a PEM certificate");
        }
    }
}
